namespace LookoutSim.Model;

/// <summary>Requests of one replication, reused once ended; it also knows every request still open.</summary>
internal sealed class RequestPool
{
    private readonly List<Request> _all = [];
    private Request[] _free = new Request[64]; // a stack of ended requests: _free[.._freeCount]
    private int _freeCount;
    private long _nextId;

    public Request Rent()
    {
        Request r;
        if (_freeCount > 0)
        {
            r = _free[--_freeCount];
        }
        else
        {
            r = new Request();
            _all.Add(r);
        }

        r.Id = ++_nextId;
        r.Active = true;
        r.Attempts = 0;
        r.LastZone = -1;
        r.Job = null;
        return r;
    }

    public void Return(Request r)
    {
        r.Active = false;
        r.Job = null;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = r;
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
    private Call[] _free = new Call[64]; // a stack of calls no longer in use: _free[.._freeCount]
    private int _freeCount;

    public int Allocated { get; private set; }

    public Call Rent(Request request)
    {
        Call c;
        if (_freeCount > 0)
        {
            c = _free[--_freeCount];
        }
        else
        {
            c = new Call();
            Allocated++;
        }

        c.Request = request;
        c.Image = request.Image;
        c.Counted = request.Counted;
        c.Stamp = request.Stamp;
        c.Completion = default;
        return c;
    }

    public void Return(Call c)
    {
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = c;
    }
}
