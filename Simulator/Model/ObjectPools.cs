namespace LookoutSim.Model;

/// <summary>Requests of one replication, reused once ended; it also knows every request still open.</summary>
internal sealed class RequestPool
{
    private readonly List<Request> _all = [];
    private readonly Stack<Request> _free = new();
    private long _nextId;

    public Request Rent()
    {
        if (!_free.TryPop(out Request? r))
        {
            r = new Request();
            _all.Add(r);
        }

        r.Id = ++_nextId;
        r.Active = true;
        r.Attempts = 0;
        r.LastZone = -1;
        r.Current = null;
        r.Job = null;
        return r;
    }

    public void Return(Request r)
    {
        r.Active = false;
        r.Current = null;
        r.Job = null;
        _free.Push(r);
    }

    /// <summary>Open requests that count in the measures, by a scan (independent of the counters).</summary>
    public long CountOpenCounted()
    {
        long n = 0;
        foreach (Request r in _all)
        {
            if (r.Active && r.Counted)
            {
                n++;
            }
        }

        return n;
    }

    public IEnumerable<Request> Open()
    {
        foreach (Request r in _all)
        {
            if (r.Active)
            {
                yield return r;
            }
        }
    }

    public int Allocated => _all.Count;
}

/// <summary>Calls of one replication, reused once a unit is done with them or they were refused.</summary>
internal sealed class CallPool
{
    private readonly Stack<Call> _free = new();

    public int Allocated { get; private set; }

    public Call Rent(Request request)
    {
        if (!_free.TryPop(out Call? c))
        {
            c = new Call();
            Allocated++;
        }

        c.Request = request;
        c.Image = request.Image;
        c.Counted = request.Counted;
        c.Stamp = request.Stamp;
        c.Unit = null;
        c.Completion = default;
        return c;
    }

    public void Return(Call c)
    {
        c.Unit = null;
        _free.Push(c);
    }
}
