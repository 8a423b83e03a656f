using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation;

/// <summary>
/// This node's run slots (<see cref="GenerationOptions.MaxConcurrentRuns"/>), and the way a run started here goes
/// straight to this node's worker: the start takes the lease in its own transaction and hands the run over in memory,
/// so the worker neither looks for it nor reads it back. Only while this node's worker runs and has a free slot;
/// otherwise the run is queued for any node. A handed-over run that is never begun (the node stops first) keeps its
/// lease until it expires, then any worker resumes it, as after a crash.
/// </summary>
public sealed class RunHandoff(IOptions<GenerationOptions> options)
{
    private readonly Channel<HandedOver> _handed = Channel.CreateUnbounded<HandedOver>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private int _slots;
    private bool _open;

    /// <summary>A run leased to this node by its start, as committed.</summary>
    public sealed record HandedOver(RunLeases.Claim Claim, RunState State);

    /// <summary>Slots in use: runs executing here, and runs promised to this node.</summary>
    public int Busy => Volatile.Read(ref _slots);

    /// <summary>Takes a slot if this node's worker runs and has one free; give it back with <see cref="Free"/> or <see cref="HandOver"/>.</summary>
    public bool TryReserve()
    {
        lock (_gate)
        {
            // Slots are freed without the lock (a run ends): only ever fewer than read here.
            if (!_open || Volatile.Read(ref _slots) >= options.Value.MaxConcurrentRuns)
            {
                return false;
            }

            Interlocked.Increment(ref _slots);
            return true;
        }
    }

    public void Free() => Interlocked.Decrement(ref _slots);

    /// <summary>Gives a run (and the slot reserved for it) to the worker; false when the worker has stopped meanwhile.</summary>
    public bool HandOver(RunLeases.Claim claim, RunState state)
    {
        lock (_gate)
        {
            if (_open && _handed.Writer.TryWrite(new HandedOver(claim, state)))
            {
                return true;
            }
        }

        Free();
        return false;
    }

    public bool TryTake(out HandedOver handedOver) => _handed.Reader.TryRead(out handedOver!);

    /// <summary>The worker starts taking runs.</summary>
    public void Open()
    {
        lock (_gate)
        {
            _open = true;
        }
    }

    /// <summary>The worker stops: no more reservations; returns the runs handed over and not yet taken.</summary>
    public IReadOnlyList<HandedOver> Close()
    {
        lock (_gate)
        {
            _open = false;
            var left = new List<HandedOver>();
            while (_handed.Reader.TryRead(out var handedOver))
            {
                left.Add(handedOver);
                Interlocked.Decrement(ref _slots);
            }

            return left;
        }
    }
}
