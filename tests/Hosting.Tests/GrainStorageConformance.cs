using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace OrleansSweep.Hosting.Tests;

/// <summary>
/// The contract every <see cref="IGrainStorage"/> of this project must honour. Subclasses supply the storage;
/// each test uses fresh grain ids, so one storage instance may serve all tests.
/// </summary>
public abstract class GrainStorageConformance
{
    protected const string StateName = "trial";

    protected abstract IGrainStorage Storage { get; }

    protected static GrainId NewGrainId() => GrainId.Create("conformance", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Reading_absent_state_gives_default_state_and_no_etag()
    {
        var state = new TestGrainState(new SampleTrialState { Name = "junk" }, "junk-etag");

        await Storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal("", state.State.Name);
        Assert.Empty(state.State.Epochs);
    }

    [Fact]
    public async Task Written_state_reads_back_field_by_field()
    {
        var id = NewGrainId();
        var written = new TestGrainState(SampleTrialState.Realistic("t-1"));
        await Storage.WriteStateAsync(StateName, id, written);

        var read = new TestGrainState();
        await Storage.ReadStateAsync(StateName, id, read);

        Assert.True(read.RecordExists);
        Assert.NotNull(read.ETag);
        Assert.Equal(written.ETag, read.ETag);
        var expected = SampleTrialState.Realistic("t-1");
        var actual = read.State;
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(SamplePhase.Diverged, actual.Phase);
        Assert.Equal(expected.Attempts, actual.Attempts);
        Assert.Equal(expected.StartedAt, actual.StartedAt);
        Assert.Equal(expected.StartedAt.Offset, actual.StartedAt.Offset);
        Assert.Equal(expected.Config.Architecture, actual.Config.Architecture);
        Assert.Equal(expected.Config.Filters, actual.Config.Filters);
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.True(double.IsNaN(actual.Metrics["loss"]));
        Assert.Equal(double.PositiveInfinity, actual.Metrics["grad"]);
        Assert.Equal(3e-4, actual.Metrics["lr"]);
    }

    [Fact]
    public async Task Each_write_changes_the_etag()
    {
        var state = new TestGrainState(SampleTrialState.Realistic("t"));
        var id = NewGrainId();
        await Storage.WriteStateAsync(StateName, id, state);
        var first = state.ETag;
        await Storage.WriteStateAsync(StateName, id, state);

        Assert.NotNull(first);
        Assert.NotEqual(first, state.ETag);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_conflicts_and_keeps_the_stored_state()
    {
        var id = NewGrainId();
        var winner = new TestGrainState(SampleTrialState.Realistic("first"));
        await Storage.WriteStateAsync(StateName, id, winner);
        var stale = new TestGrainState(SampleTrialState.Realistic("stale"), winner.ETag);
        winner.State.Name = "second";
        await Storage.WriteStateAsync(StateName, id, winner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, stale));

        Assert.Equal("second", (await Read(id)).State.Name);
    }

    [Fact]
    public async Task First_write_without_etag_conflicts_when_a_record_exists()
    {
        var id = NewGrainId();
        await Storage.WriteStateAsync(StateName, id, new TestGrainState(SampleTrialState.Realistic("existing")));

        var newcomer = new TestGrainState(SampleTrialState.Realistic("newcomer"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, newcomer));

        Assert.Equal("existing", (await Read(id)).State.Name);
    }

    [Fact]
    public async Task Concurrent_writers_from_the_same_etag_exactly_one_wins()
    {
        const int writers = 8;
        var id = NewGrainId();
        var initial = new TestGrainState(SampleTrialState.Realistic("start"));
        await Storage.WriteStateAsync(StateName, id, initial);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            var mine = new TestGrainState(SampleTrialState.Realistic($"writer-{i}"), initial.ETag);
            try { await Storage.WriteStateAsync(StateName, id, mine); return mine.State.Name; }
            catch (InconsistentStateException) { return null; }
        })));

        var winner = Assert.Single(outcomes, name => name is not null);
        Assert.Equal(winner, (await Read(id)).State.Name);
    }

    [Fact]
    public async Task Clear_removes_the_record_and_a_later_write_starts_over()
    {
        var id = NewGrainId();
        var state = new TestGrainState(SampleTrialState.Realistic("doomed"));
        await Storage.WriteStateAsync(StateName, id, state);

        await Storage.ClearStateAsync(StateName, id, state);

        Assert.False(state.RecordExists);
        var read = await Read(id);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal("", read.State.Name);

        state.State = SampleTrialState.Realistic("reborn");
        await Storage.WriteStateAsync(StateName, id, state);
        Assert.Equal("reborn", (await Read(id)).State.Name);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_conflicts_and_keeps_the_record()
    {
        var id = NewGrainId();
        var state = new TestGrainState(SampleTrialState.Realistic("kept"));
        await Storage.WriteStateAsync(StateName, id, state);
        var stale = new TestGrainState(new SampleTrialState(), state.ETag);
        await Storage.WriteStateAsync(StateName, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, id, stale));

        Assert.True((await Read(id)).RecordExists);
    }

    [Fact]
    public async Task Different_grains_and_state_names_do_not_collide()
    {
        var (a, b) = (NewGrainId(), NewGrainId());
        await Storage.WriteStateAsync(StateName, a, new TestGrainState(SampleTrialState.Realistic("a-trial")));
        await Storage.WriteStateAsync("other", a, new TestGrainState(SampleTrialState.Realistic("a-other")));
        await Storage.WriteStateAsync(StateName, b, new TestGrainState(SampleTrialState.Realistic("b-trial")));

        Assert.Equal("a-trial", (await Read(a)).State.Name);
        Assert.Equal("a-other", (await Read(a, "other")).State.Name);
        Assert.Equal("b-trial", (await Read(b)).State.Name);
        Assert.False((await Read(b, "other")).RecordExists);
    }

    [Fact]
    public async Task A_payload_of_about_a_megabyte_round_trips()
    {
        var id = NewGrainId();
        var big = SampleTrialState.Realistic("big", epochs: 16_000);   // ≈ 1 MB of JSON
        await Storage.WriteStateAsync(StateName, id, new TestGrainState(big));

        var read = await Read(id);

        Assert.Equal(big.Epochs, read.State.Epochs);
    }

    protected async Task<TestGrainState> Read(GrainId id, string stateName = StateName)
    {
        var state = new TestGrainState();
        await Storage.ReadStateAsync(stateName, id, state);
        return state;
    }
}
