using OrleansSweep.Grains.Persistence;

namespace OrleansSweep.Grains.Tests.Persistence;

/// <summary>
/// Group commit's durability promise after a failed write: a retried idempotent call (a commit the coordinator
/// already applied in memory) must not be acknowledged until a write after the failure has succeeded.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task After_a_failed_write_EnsureDurable_writes_again_and_then_stops_writing()
    {
        var writes = 0;
        var failNext = true;
        var commit = new GroupCommit(() =>
        {
            writes++;
            if (!failNext) return Task.CompletedTask;
            failNext = false;
            return Task.FromException(new IOException("storage down"));
        });

        await Assert.ThrowsAsync<IOException>(commit.SaveAsync);
        Assert.True(commit.Dirty);

        await commit.EnsureDurableAsync();                  // the retry: the change it acknowledges is written now
        Assert.Equal(2, writes);
        Assert.False(commit.Dirty);

        await commit.EnsureDurableAsync();                  // nothing pending: no write
        Assert.Equal(2, writes);
    }

    [Fact]
    public async Task A_failing_EnsureDurable_keeps_failing_the_caller()
    {
        var commit = new GroupCommit(() => Task.FromException(new IOException("storage down")));

        await Assert.ThrowsAsync<IOException>(commit.SaveAsync);
        await Assert.ThrowsAsync<IOException>(commit.EnsureDurableAsync);
        Assert.True(commit.Dirty);
    }
}
