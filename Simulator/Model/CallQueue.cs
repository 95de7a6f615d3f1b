namespace LookoutSim.Model;

/// <summary>A FIFO ring buffer of calls that grows by doubling and never shrinks.</summary>
internal sealed class CallQueue
{
    private Call?[] _items = new Call?[8];
    private int _head;

    public int Count { get; private set; }

    public void Enqueue(Call call)
    {
        if (Count == _items.Length)
        {
            var bigger = new Call?[_items.Length * 2];
            for (int i = 0; i < Count; i++)
            {
                bigger[i] = _items[(_head + i) & (_items.Length - 1)];
            }

            _items = bigger;
            _head = 0;
        }

        _items[(_head + Count) & (_items.Length - 1)] = call;
        Count++;
    }

    public Call Dequeue()
    {
        Call call = _items[_head]!;
        _items[_head] = null;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return call;
    }
}
