namespace LookoutSim.Engine;

/// <summary>
/// The data an event carries to its handler, stored by value in the calendar so that scheduling
/// allocates nothing. <see cref="Ref"/> points at an existing (typically pooled) object; the other
/// fields are free for the handler's own use.
/// </summary>
/// <param name="Kind">What the handler should do, when one handler serves several kinds of event.</param>
/// <param name="Index">A small integer, e.g. a unit or zone index.</param>
/// <param name="Id">A large integer, e.g. a request id or a generation stamp.</param>
/// <param name="Value">A number, e.g. a time in seconds.</param>
/// <param name="Ref">An object the event concerns; never allocated for the event itself.</param>
public readonly record struct EventPayload(int Kind = 0, int Index = 0, long Id = 0, double Value = 0, object? Ref = null);
