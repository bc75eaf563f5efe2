using Orleans;
using Orleans.Storage;
using OrleansSweep.Hosting.Storage;

namespace OrleansSweep.Hosting.Tests;

public sealed class FaultInjectingGrainStorageTests : IDisposable
{
    private const string StateName = "trial";
    private readonly TempDatabase _database = new();
    private readonly SqliteGrainStorage _inner;

    public FaultInjectingGrainStorageTests() => _inner = StorageFactory.Sqlite(_database.Path);

    [Fact]
    public async Task A_fault_before_the_write_changes_nothing()
    {
        var faulty = new FaultInjectingGrainStorage(_inner, new() { WriteFailureRate = 1, AfterCommitShare = 0 });
        var id = Orleans.Runtime.GrainId.Create("faults", "before");

        await Assert.ThrowsAsync<InjectedStorageFaultException>(() =>
            faulty.WriteStateAsync(StateName, id, new TestGrainState(SampleTrialState.Realistic("lost"))));

        Assert.False((await Read(id)).RecordExists);
        Assert.Equal((1, 0), (faulty.FaultsBeforeCommit, faulty.FaultsAfterCommit));
    }

    [Fact]
    public async Task A_fault_after_the_write_commits_leaves_the_caller_stale_until_it_rereads()
    {
        var faulty = new FaultInjectingGrainStorage(_inner, new() { WriteFailureRate = 1, AfterCommitShare = 1 });
        var id = Orleans.Runtime.GrainId.Create("faults", "after");
        var state = new TestGrainState(SampleTrialState.Realistic("committed"));

        await Assert.ThrowsAsync<InjectedStorageFaultException>(() => faulty.WriteStateAsync(StateName, id, state));

        Assert.Equal("committed", (await Read(id)).State.Name);   // the write did happen
        Assert.Null(state.ETag);                                   // but the caller never learned its ETag
        Assert.False(state.RecordExists);

        state.State.Name = "retry";
        await Assert.ThrowsAsync<InconsistentStateException>(() => _inner.WriteStateAsync(StateName, id, state));

        await _inner.ReadStateAsync(StateName, id, state);         // recovery: re-read, re-apply, write
        state.State.Name = "retry";
        await _inner.WriteStateAsync(StateName, id, state);
        Assert.Equal("retry", (await Read(id)).State.Name);
    }

    [Fact]
    public async Task The_failure_rate_and_pattern_follow_the_seed()
    {
        var options = new FaultInjectionOptions { ReadFailureRate = 0.2, AfterCommitShare = 0.5, Seed = 42 };
        var first = await FailurePattern(options);
        var second = await FailurePattern(options);
        var otherSeed = await FailurePattern(options with { Seed = 43 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.InRange(first.Count(failed => failed), 60, 140);   // 20% of 500, a wide band around the mean
    }

    [Fact]
    public async Task An_outage_fails_every_operation_on_its_states_until_it_ends_and_spares_the_others()
    {
        var outage = new StorageOutage();
        var faulty = new FaultInjectingGrainStorage(_inner, new() { Outage = outage });
        var id = Orleans.Runtime.GrainId.Create("faults", "outage");
        var state = new TestGrainState(SampleTrialState.Realistic("after"));

        outage.Begin(StateName);
        await Assert.ThrowsAsync<InjectedStorageFaultException>(() => faulty.WriteStateAsync(StateName, id, state));
        await Assert.ThrowsAsync<InjectedStorageFaultException>(() => faulty.ReadStateAsync(StateName, id, new TestGrainState()));
        await faulty.WriteStateAsync("other", id, new TestGrainState(SampleTrialState.Realistic("spared")));
        Assert.False((await Read(id)).RecordExists);

        outage.End();
        await faulty.WriteStateAsync(StateName, id, state);
        Assert.Equal("after", (await Read(id)).State.Name);
        Assert.Equal((2, 0), (faulty.FaultsBeforeCommit, faulty.FaultsAfterCommit));
    }

    private async Task<bool[]> FailurePattern(FaultInjectionOptions options)
    {
        var faulty = new FaultInjectingGrainStorage(_inner, options);
        var id = Orleans.Runtime.GrainId.Create("faults", "pattern");
        var pattern = new bool[500];
        for (var i = 0; i < pattern.Length; i++)
        {
            try { await faulty.ReadStateAsync(StateName, id, new TestGrainState()); }
            catch (InjectedStorageFaultException) { pattern[i] = true; }
        }
        Assert.Equal(pattern.Count(f => f), faulty.FaultsBeforeCommit + faulty.FaultsAfterCommit);
        Assert.True(faulty.FaultsBeforeCommit > 0 && faulty.FaultsAfterCommit > 0);
        return pattern;
    }

    private async Task<TestGrainState> Read(Orleans.Runtime.GrainId id)
    {
        var state = new TestGrainState();
        await _inner.ReadStateAsync(StateName, id, state);
        return state;
    }

    public void Dispose()
    {
        _inner.Dispose();
        _database.Dispose();
    }
}
