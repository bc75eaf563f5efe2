using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Grains.Coordinator;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Grains.Tests.Engine;

public sealed class SweepLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SlotRef SlotA = new("silo-a", 0);
    private static readonly SweepPolicy Policy = new(MaxAttempts: 3, Backoff: TimeSpan.FromSeconds(10), LeaseTimeout: TimeSpan.FromSeconds(30));

    private static SweepLedger NewBook(int trials) =>
        SweepLedger.New(new SweepState { TrialCount = trials, Phase = SweepPhase.Running }, Policy, i => i % 2 == 0 ? "a/seq" : "a/par");

    /// <summary>What a reactivated coordinator sees: the main state and a snapshot as persisted (JSON round trip).</summary>
    private static SweepLedger Reload(SweepState main, SweepTrialsState snapshot, DateTimeOffset? now = null)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(main, Json);
        var copy = System.Text.Json.JsonSerializer.Deserialize<SweepState>(json, Json)!;
        var trials = System.Text.Json.JsonSerializer.Deserialize<SweepTrialsState>(System.Text.Json.JsonSerializer.Serialize(snapshot))!;
        return SweepLedger.Load(copy, trials, Policy, _ => "x", now ?? T0);
    }

    private static SweepTrialsState Snapshot(SweepLedger book) =>
        new() { Statuses = book.Statuses.ToArray(), Attempts = book.LeaseCounts.ToArray(), Extensions = book.Extensions.ToArray() };

    private static (int Attempts, int Interruptions) Counts(SweepLedger book, long index) => (book.AttemptsOf(index), book.InterruptionsOf(index));

    // As the product's grain-state serializer: NaN and infinities allowed (StorageRegistration).
    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static TrialOutcome Done(double valLoss = 0.5) => new(TrialStatus.Completed, 2, null, valLoss, 10, null);

    [Fact]
    public void Claims_hand_out_each_trial_once_in_index_order_then_nothing()
    {
        var book = NewBook(3);
        var claims = Enumerable.Range(0, 4).Select(_ => book.Claim(SlotA, T0)).ToList();
        Assert.Equal([(0L, 1), (1L, 1), (2L, 1)], claims.Take(3).Select(c => c!.Value));
        Assert.Null(claims[3]);
        Assert.Equal(3, book.Count(TrialStatus.Running));
    }

    [Fact]
    public void A_lease_claimed_ahead_is_held_as_claimed_until_its_first_epoch_or_its_slots_previous_lease_ends()
    {
        var book = NewBook(4);
        var slotB = new SlotRef("silo-b", 0);
        book.Claim(SlotA, T0);                                     // 0: slot A trains it
        book.Claim(slotB, T0);                                     // 1: slot B trains it
        book.Claim(SlotA, T0, ahead: true);                        // 2: A's next, claimed while 0 still trains
        book.Claim(slotB, T0, ahead: true);                        // 3: B's next
        bool Ahead(long i) => book.State.Leases[i].Ahead;
        Assert.Equal([false, false, true, true], Enumerable.Range(0, 4).Select(i => Ahead(i)));

        Assert.Equal(CommitReply.Committed, book.Complete(new LeaseRef("s", 0, 1), Done()));   // A moves on to 2
        Assert.False(Ahead(2));
        Assert.True(Ahead(3));                                     // B's previous trial still trains

        Assert.True(book.Progress(new LeaseRef("s", 3, 1), new EpochMetrics(1, 1, 0, 1, 0, 1, 1), T0));   // 3 reports an epoch
        Assert.False(Ahead(3));
    }

    [Fact]
    public void A_failure_or_a_hand_back_of_the_slots_previous_lease_also_starts_the_one_claimed_ahead()
    {
        var book = NewBook(4);
        book.Claim(SlotA, T0);
        book.Claim(SlotA, T0, ahead: true);
        book.Release(new LeaseRef("s", 0, 1), "boom", T0);
        Assert.False(book.State.Leases[1].Ahead);

        book.Claim(SlotA, T0, ahead: true);                        // 2 (0 waits for its backoff)
        book.ReturnUnstarted(new LeaseRef("s", 1, 1), T0);
        Assert.False(book.State.Leases[2].Ahead);
    }

    [Fact]
    public void Completed_trials_reopened_by_an_epoch_raise_reload_as_queued_and_count_the_attempt_that_completed_them()
    {
        var book = NewBook(3);
        for (var i = 0; i < 3; i++) book.Claim(SlotA, T0);
        book.Complete(new LeaseRef("s", 0, 1), Done());
        book.Complete(new LeaseRef("s", 1, 1), new TrialOutcome(TrialStatus.Diverged, 1, null, double.NaN, 10, null));
        book.Complete(new LeaseRef("s", 2, 1), Done());

        Assert.Equal(2, book.ReopenCompleted());
        Assert.Empty(book.State.Arms);
        var reloaded = Reload(book.State, Snapshot(book));

        Assert.Equal((2L, 1L), (reloaded.Count(TrialStatus.Queued), reloaded.Count(TrialStatus.Diverged)));
        Assert.Equal((0L, 2), reloaded.Claim(SlotA, T0)!.Value);                // from the start, its next lease
        Assert.Equal((2L, 2), reloaded.Claim(SlotA, T0)!.Value);                // the diverged trial is skipped
        Assert.Null(reloaded.Claim(SlotA, T0));
        Assert.Equal(CommitReply.Committed, reloaded.Complete(new LeaseRef("s", 0, 2), Done()));
        Assert.Equal((2, 0), Counts(reloaded, 0));                               // two attempts, no interruption
    }

    [Fact]
    public void A_commit_is_accepted_once_and_a_superseded_attempt_is_rejected()
    {
        var book = NewBook(1);
        book.Claim(SlotA, T0);
        book.ExpireLeases(T0 + TimeSpan.FromMinutes(1), _ => false, "s");   // attempt 1 expires
        var (index, attempt) = book.Claim(SlotA, T0 + TimeSpan.FromMinutes(1))!.Value;
        Assert.Equal((0L, 2), (index, attempt));

        Assert.Equal(CommitReply.Rejected, book.Complete(new LeaseRef("s", 0, 1), Done()));
        Assert.False(book.Progress(new LeaseRef("s", 0, 1), new EpochMetrics(1, 1, 0, 1, 0, 1, 1), T0));
        Assert.Equal(CommitReply.Committed, book.Complete(new LeaseRef("s", 0, 2), Done()));
        Assert.Equal(CommitReply.AlreadyCommitted, book.Complete(new LeaseRef("s", 0, 2), Done()));
        Assert.Equal(1, book.Count(TrialStatus.Completed));
        Assert.Equal(1, book.State.Arms["a/seq"].Finished);
        Assert.True(book.AllTerminal);
        Assert.Equal([new PendingResult(0, Done())], book.State.Results);   // the one committed outcome is kept, once
    }

    [Fact]
    public void Errors_are_retried_with_backoff_then_the_trial_fails_with_its_last_error()
    {
        var book = NewBook(1);
        var now = T0;
        for (var failure = 1; failure <= 3; failure++)
        {
            var (_, attempt) = book.Claim(SlotA, now)!.Value;
            book.Release(new LeaseRef("s", 0, attempt), $"boom {failure}", now);
            if (failure < 3)
            {
                Assert.Null(book.Claim(SlotA, now));                                   // backoff not over
                now += Policy.BackoffAfter(failure);
            }
        }
        Assert.Equal(TrialStatus.Failed, book.StatusOf(0));
        Assert.Equal("boom 3", book.State.Results.Single(r => r.Index == 0).Outcome.Error);
        Assert.Equal(2, book.State.RetryCount);
        Assert.Null(book.Claim(SlotA, now + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_release_without_error_requeues_at_once_and_costs_no_attempt()
    {
        var book = NewBook(1);
        var (_, attempt) = book.Claim(SlotA, T0)!.Value;
        book.Release(new LeaseRef("s", 0, attempt), null, T0);
        Assert.Equal(TrialStatus.Queued, book.StatusOf(0));
        Assert.Equal((0L, 2), book.Claim(SlotA, T0)!.Value);
        Assert.Empty(book.State.Failures);
    }

    [Fact]
    public void Leases_expire_without_heartbeats_or_when_their_silo_is_dead()
    {
        var book = NewBook(2);
        book.Claim(SlotA, T0);
        book.Claim(new SlotRef("silo-b", 0), T0);
        Assert.Empty(book.Heartbeat([new LeaseRef("s", 0, 1)], T0 + TimeSpan.FromSeconds(20)));

        var expired = book.ExpireLeases(T0 + TimeSpan.FromSeconds(35), silo => silo == "silo-b", "s");
        Assert.Equal([(1L, "silo-b#0", true)], expired.Select(l => (l.Lease.TrialIndex, l.Slot, l.SiloDead)));   // 0 was extended; b is dead
        Assert.Equal(TrialStatus.Queued, book.StatusOf(1));
        Assert.Equal([1L], book.Heartbeat([new LeaseRef("s", 0, 1), new LeaseRef("s", 1, 1)], T0 + TimeSpan.FromSeconds(36)));
    }

    [Fact]
    public void Cancel_ends_every_unfinished_trial_and_keeps_finished_ones()
    {
        var book = NewBook(4);
        book.Claim(SlotA, T0);
        book.Complete(new LeaseRef("s", 0, 1), Done());
        book.Claim(SlotA, T0);
        var running = book.RequestStopAll("s");
        book.CancelAll();
        Assert.Equal([1L], running.Select(l => l.TrialIndex));
        Assert.Equal(1, book.Count(TrialStatus.Completed));
        Assert.Equal(3, book.Count(TrialStatus.Cancelled));
        Assert.Null(book.Claim(SlotA, T0));
    }

    [Fact]
    public void A_reload_rebuilds_statuses_from_the_journal_leases_retries_and_cursor()
    {
        var book = NewBook(6);
        var empty = Snapshot(book);                                                   // written at Start
        for (var i = 0; i < 4; i++) book.Claim(SlotA, T0);
        book.Complete(new LeaseRef("s", 0, 1), Done());
        book.Release(new LeaseRef("s", 1, 1), "boom", T0);                            // retry, attempt 1 used
        book.ExpireLeases(T0 + TimeSpan.FromSeconds(31), _ => false, "s");            // 2 and 3 requeued

        var reloaded = Reload(book.State, empty);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => book.StatusOf(i)), Enumerable.Range(0, 6).Select(i => reloaded.StatusOf(i)));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => Counts(book, i)), Enumerable.Range(0, 6).Select(i => Counts(reloaded, i)));
        Assert.Equal(1, reloaded.Count(TrialStatus.Completed));
        Assert.Equal(5, reloaded.Count(TrialStatus.Queued));
        Assert.Equal((1L, 2), reloaded.Claim(SlotA, T0 + TimeSpan.FromSeconds(31))!.Value);   // retries first (1 is due), attempt numbers kept
    }

    [Fact]
    public void A_snapshot_written_ahead_of_the_main_state_still_loads_consistently()
    {
        var book = NewBook(3);
        book.Claim(SlotA, T0);
        book.Claim(SlotA, T0);
        var mainBeforeCommit = System.Text.Json.JsonSerializer.Deserialize<SweepState>(System.Text.Json.JsonSerializer.Serialize(book.State, Json), Json)!;
        book.Complete(new LeaseRef("s", 0, 1), Done());
        var snapshotAfterCommit = Snapshot(book);                                    // the fold landed, the main write did not

        var reloaded = Reload(mainBeforeCommit, snapshotAfterCommit);
        Assert.Equal(TrialStatus.Completed, reloaded.StatusOf(0));                    // the commit is not lost...
        Assert.False(reloaded.State.Leases.ContainsKey(0));                           // ...and its stale lease is gone
        Assert.Equal(CommitReply.AlreadyCommitted, reloaded.Complete(new LeaseRef("s", 0, 1), Done()));
        Assert.Equal(TrialStatus.Running, reloaded.StatusOf(1));
        Assert.True(reloaded.Progress(new LeaseRef("s", 1, 1), new EpochMetrics(1, 1, 0, 1, 0, 1, 1), T0));
    }

    [Fact]
    public void A_cancelled_sweep_reloads_with_every_unfinished_trial_cancelled()
    {
        var book = NewBook(4);
        book.Claim(SlotA, T0);
        book.Complete(new LeaseRef("s", 0, 1), Done());
        book.CancelAll();
        book.State.Phase = SweepPhase.Cancelled;
        var reloaded = Reload(book.State, new SweepTrialsState());
        Assert.Equal((1L, 3L), (reloaded.Count(TrialStatus.Completed), reloaded.Count(TrialStatus.Cancelled)));
    }

    [Fact]
    public void Attempts_count_the_trials_own_failures_and_interruptions_count_the_other_leases_that_ended()
    {
        var book = NewBook(1);
        var now = T0;
        LeaseRef Claim() { var (i, a) = book.Claim(SlotA, now)!.Value; return new LeaseRef("s", i, a); }

        Assert.Equal((0, 0), Counts(book, 0));                                        // never claimed
        var first = Claim();
        Assert.Equal((1, 0), Counts(book, 0));                                        // the attempt that runs it
        book.Release(first, null, now);                                               // paused
        Assert.Equal((0, 1), Counts(book, 0));
        Claim();
        now += TimeSpan.FromMinutes(1);
        book.ExpireLeases(now, _ => false, "s");                                      // its silo went quiet
        Assert.Equal((0, 2), Counts(book, 0));
        var third = Claim();
        book.ReturnUnstarted(third, now);                                             // the cluster could not start it
        Assert.Equal((0, 3), Counts(book, 0));
        Assert.Null(book.Claim(SlotA, now));                                          // not claimable at once...
        now += SweepPolicy.UnstartedDelay;
        var fourth = Claim();                                                         // ...but soon
        book.Release(fourth, "boom", now);                                            // training threw: a failure
        Assert.Equal((1, 3), Counts(book, 0));
        now += Policy.BackoffAfter(1);
        var fifth = Claim();
        Assert.Equal((2, 3), Counts(book, 0));
        Assert.Equal(CommitReply.Committed, book.Complete(fifth, Done()));
        Assert.Equal((2, 3), Counts(book, 0));                                        // 5 leases: 2 attempts, 3 interruptions
        Assert.Equal((1L, 3L, 1L), (book.State.RetryCount, book.State.InterruptionCount, book.State.LeaseExpiryCount));
        Assert.Equal((2, 3), Counts(Reload(book.State, Snapshot(book)), 0));          // durable
        Assert.Equal((2, 3), Counts(Reload(book.State, new SweepTrialsState()), 0));  // from the journal alone too
    }

    [Fact]
    public void A_paused_and_resumed_trial_shows_one_attempt_and_one_interruption()
    {
        var book = NewBook(2);
        book.Claim(SlotA, T0);
        var running = book.RequestStopAll("s");                                       // pause
        foreach (var lease in running) book.Release(lease, null, T0);                 // the trial stops and hands its lease back
        book.ResumeAfterPause();
        var (index, attempt) = book.Claim(SlotA, T0)!.Value;
        Assert.Equal((0L, 2), (index, attempt));
        book.Complete(new LeaseRef("s", 0, 2), Done());
        Assert.Equal((1, 1), Counts(book, 0));
        Assert.Equal(0, book.State.RetryCount);
    }

    [Fact]
    public void A_trial_that_fails_maxAttempts_times_shows_maxAttempts_attempts_whatever_interrupted_it()
    {
        var book = NewBook(1);
        var now = T0;
        for (var failure = 1; failure <= Policy.MaxAttempts; failure++)
        {
            var (_, interrupted) = book.Claim(SlotA, now)!.Value;
            book.Release(new LeaseRef("s", 0, interrupted), null, now);               // a drain between failures
            var (_, attempt) = book.Claim(SlotA, now)!.Value;
            book.Release(new LeaseRef("s", 0, attempt), $"boom {failure}", now);
            now += TimeSpan.FromHours(1);
        }
        Assert.Equal(TrialStatus.Failed, book.StatusOf(0));
        Assert.Equal((3, 3), Counts(book, 0));
    }

    [Fact]
    public void Cancelling_a_running_trial_is_an_interruption()
    {
        var book = NewBook(2);
        book.Claim(SlotA, T0);
        book.RequestStopAll("s");
        book.CancelAll();
        Assert.Equal([(0, 1), (0, 0)], new[] { Counts(book, 0), Counts(book, 1) });
        Assert.Equal(1, book.State.InterruptionCount);
    }

    [Fact]
    public void A_claim_asked_again_with_its_id_finds_the_lease_it_granted_also_after_a_reload()
    {
        var book = NewBook(3);
        var claim = Guid.NewGuid();
        var granted = book.Claim(SlotA, T0, claim)!.Value;                            // the reply is lost on its way back
        Assert.Equal(granted, book.Granted(claim)!.Value);
        Assert.Null(book.Granted(Guid.NewGuid()));
        Assert.Equal(granted, Reload(book.State, Snapshot(book)).Granted(claim)!.Value);   // the coordinator moved meanwhile
        book.Complete(new LeaseRef("s", granted.Index, granted.Attempt), Done());
        Assert.Null(book.Granted(claim));                                             // only running leases are found
    }

    [Fact]
    public void A_reloaded_coordinator_gives_running_leases_a_full_timeout_but_expires_a_dead_silos_at_once()
    {
        var book = NewBook(2);
        book.Claim(SlotA, T0);
        book.Claim(new SlotRef("silo-b", 0), T0);
        // Heartbeats are not written: after a long epoch the stored expiry is long past though the slot is alive.
        var later = T0 + TimeSpan.FromMinutes(10);
        var reloaded = Reload(book.State, Snapshot(book), later);
        var expired = reloaded.ExpireLeases(later + TimeSpan.FromSeconds(1), silo => silo == "silo-b", "s");
        Assert.Equal([1L], expired.Select(e => e.Lease.TrialIndex));
        Assert.Empty(reloaded.ExpireLeases(later + Policy.LeaseTimeout - TimeSpan.FromSeconds(1), _ => false, "s"));
        Assert.Single(reloaded.ExpireLeases(later + Policy.LeaseTimeout, _ => false, "s"));
    }
}
