using System.Runtime.CompilerServices;

namespace LookoutSim.Engine;

/// <summary>
/// The future event list: an indexed 4-ary min-heap ordered by <see cref="EventKey"/>.
/// Each event lives in a slot (handler, payload, priority and sequence, position in the heap) that
/// is reused once the event has run or been cancelled, so in steady state scheduling allocates
/// nothing; the heap itself holds only the time and the slot number (16 bytes), which keeps sift
/// moves small. Priority and sequence are read from the slot only when two times are equal.
/// Cancelling marks the event's slot; the heap drops it when it comes to the top (lazy deletion), so
/// the heap keeps no positions and a sift moves only its 16-byte entries. The top of the heap is
/// always a pending event.
/// </summary>
public sealed class EventCalendar
{
    private const int Arity = 4;
    private const int PriorityShift = 48;
    private const long SequenceMask = (1L << PriorityShift) - 1;

    private struct HeapEntry
    {
        public double Time;
        public int Slot; // the order among simultaneous events is in the slot: ties are rare
    }

    private struct Slot
    {
        public EventHandlerBase? Handler;
        public EventPayload Payload;
        public long Order; // priority << 48 | sequence
        public int State; // Free, Pending, Cancelled (still in the heap) or Taken (its handler running)
        public int Generation;
        public int NextFree;
    }

    private HeapEntry[] _heap;
    private Slot[] _slots;
    private const int Free = 0;
    private const int Pending = 1;
    private const int Cancelled = 2;
    private const int Taken = 3;

    private int _count; // heap entries, cancelled ones included
    private int _pending;
    private int _freeHead = -1;
    private int _slotsUsed;

    /// <summary>Creates an empty calendar.</summary>
    /// <param name="capacity">Initial room for pending events; it grows by doubling.</param>
    public EventCalendar(int capacity = 64)
    {
        capacity = Math.Max(4, capacity);
        _heap = new HeapEntry[capacity];
        _slots = new Slot[capacity];
    }

    /// <summary>Pending events.</summary>
    public int Count => _pending;

    /// <summary>The key of the next event; only valid when <see cref="Count"/> &gt; 0.</summary>
    public EventKey PeekKey()
    {
        ref HeapEntry top = ref _heap[0];
        long order = _slots[top.Slot].Order;
        return new EventKey(top.Time, (int)(order >> PriorityShift), order & SequenceMask);
    }

    /// <summary>The time of the next event, or +∞ when there is none.</summary>
    public double NextTime => _count > 0 ? _heap[0].Time : double.PositiveInfinity;

    /// <summary>Adds an event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EventHandle Add(EventKey key, EventHandlerBase handler, in EventPayload payload)
    {
        if ((uint)key.Priority > EventPriority.Lowest)
        {
            ThrowPriority(key.Priority);
        }

        int slot = AllocateSlot();
        ref Slot s = ref _slots[slot];
        s.Handler = handler;
        s.Payload = payload;
        s.Order = ((long)key.Priority << PriorityShift) | (key.Sequence & SequenceMask);
        s.State = Pending;
        _pending++;

        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var entry = new HeapEntry
        {
            Time = key.Time,
            Slot = slot,
        };
        SiftUp(_count++, entry);
        return new EventHandle(slot, s.Generation);
    }

    /// <summary>Whether the handle names an event that is still pending.</summary>
    public bool Contains(EventHandle handle) =>
        handle.IsSet && (uint)handle.Slot < (uint)_slotsUsed &&
        _slots[handle.Slot].Generation == handle.Generation && _slots[handle.Slot].State == Pending;

    /// <summary>Removes a pending event; false when it already ran or was cancelled.</summary>
    public bool Remove(EventHandle handle)
    {
        if (!Contains(handle))
        {
            return false;
        }

        // Marked, not moved: the heap drops it when it reaches the top (at once if it is the top).
        ref Slot s = ref _slots[handle.Slot];
        s.State = Cancelled;
        s.Handler = null;
        s.Payload = default;
        _pending--;
        DropCancelledTop();
        return true;
    }

    /// <summary>
    /// Takes the next event off the calendar. The handler and payload are returned; the slot is
    /// free again before the handler runs, so the handler may schedule into it.
    /// </summary>
    public EventKey Pop(out EventHandlerBase handler, out EventPayload payload)
    {
        HeapEntry top = _heap[0];
        ref Slot s = ref _slots[top.Slot];
        handler = s.Handler!;
        payload = s.Payload;
        long order = s.Order;
        FreeSlot(top.Slot);
        _pending--;
        RemoveTop();
        DropCancelledTop();
        return new EventKey(top.Time, (int)(order >> PriorityShift), order & SequenceMask);
    }

    /// <summary>
    /// The simulation's run loop: takes the next event off the heap without freeing its slot, so
    /// that its handler can be handed the payload where it lies (<see cref="PayloadAt"/>) with no
    /// copy; <see cref="Release"/> frees the slot once the handler has returned. The event is no
    /// longer pending from here on (<see cref="Contains"/> is false).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int TakeNext(out double time)
    {
        HeapEntry[] heap = _heap;
        int slot = heap[0].Slot;
        time = heap[0].Time;
        _slots[slot].State = Taken;
        _pending--;
        RemoveTop();
        DropCancelledTop();
        return slot;
    }

    /// <summary>The handler of a slot taken by <see cref="TakeNext"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal EventHandlerBase HandlerAt(int slot) => _slots[slot].Handler!;

    /// <summary>The payload of a slot taken by <see cref="TakeNext"/>, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly EventPayload PayloadAt(int slot) => ref _slots[slot].Payload;

    /// <summary>Frees a slot taken by <see cref="TakeNext"/> once its handler has run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Release(int slot) => FreeSlot(slot);

    /// <summary>Removes every pending event.</summary>
    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            FreeSlot(_heap[i].Slot);
        }

        _count = 0;
        _pending = 0;
    }

    // Thrown out of line so that Add stays small enough to inline into Simulation.Schedule.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowPriority(int key) => // named after Add's parameter; the value is the key's priority
        throw new ArgumentOutOfRangeException(nameof(key), key, "priority must be in 0 … 32767");

    private int AllocateSlot()
    {
        int slot;
        if (_freeHead >= 0)
        {
            slot = _freeHead;
            _freeHead = _slots[slot].NextFree;
        }
        else
        {
            if (_slotsUsed == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            slot = _slotsUsed++;
        }

        ref Slot s = ref _slots[slot];
        s.Generation = s.Generation == int.MaxValue ? 1 : s.Generation + 1;
        return slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FreeSlot(int slot)
    {
        ref Slot s = ref _slots[slot];
        s.Handler = null;
        s.Payload = default;
        s.State = Free;
        s.NextFree = _freeHead;
        _freeHead = slot;
    }

    /// <summary>Takes the top entry off the heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RemoveTop()
    {
        int last = --_count;
        if (last > 0)
        {
            SiftDown(0, _heap[last]);
        }
    }

    /// <summary>Frees cancelled events at the top until the top is pending (or the heap is empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DropCancelledTop()
    {
        while (_count > 0 && _slots[_heap[0].Slot].State == Cancelled)
        {
            FreeSlot(_heap[0].Slot);
            RemoveTop();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Before(in HeapEntry a, in HeapEntry b) =>
        a.Time < b.Time || (a.Time == b.Time && _slots[a.Slot].Order < _slots[b.Slot].Order);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SiftUp(int index, HeapEntry entry)
    {
        HeapEntry[] heap = _heap;
        while (index > 0)
        {
            int parent = (index - 1) / Arity;
            HeapEntry p = heap[parent];
            if (!Before(entry, p))
            {
                break;
            }

            heap[index] = p;
            index = parent;
        }

        heap[index] = entry;
    }

    private void SiftDown(int index, HeapEntry entry)
    {
        HeapEntry[] heap = _heap;
        Slot[] slots = _slots;
        int count = _count;
        double time = entry.Time;
        int entrySlot = entry.Slot;
        while (true)
        {
            int first = (index * Arity) + 1;
            if (first >= count)
            {
                break;
            }

            // The earliest child, its key kept in registers while the others are compared with it.
            int best = first;
            double bestTime = heap[first].Time;
            int bestSlot = heap[first].Slot;
            int end = Math.Min(first + Arity, count);
            for (int c = first + 1; c < end; c++)
            {
                double t = heap[c].Time;
                if (t < bestTime || (t == bestTime && slots[heap[c].Slot].Order < slots[bestSlot].Order))
                {
                    best = c;
                    bestTime = t;
                    bestSlot = heap[c].Slot;
                }
            }

            if (!(bestTime < time || (bestTime == time && slots[bestSlot].Order < slots[entrySlot].Order)))
            {
                break;
            }

            heap[index] = heap[best];
            index = best;
        }

        heap[index] = entry;
    }
}
