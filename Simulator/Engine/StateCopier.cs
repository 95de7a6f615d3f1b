using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace LookoutSim.Engine;

/// <summary>
/// Deep copies of a running replication's object graph (simulation, calendar, model objects, random
/// streams, pools, observers), so that a copy continues exactly as the original would: every object
/// reached is copied once (an identity map keeps shared references and cycles as they were), arrays
/// of plain values by <see cref="Array.Clone"/>, other objects field by field. Objects the caller
/// calls immutable (<c>shared</c>: configuration records, strings, types) are not copied, and
/// <see cref="Substitute"/> swaps one object for another everywhere it is referenced.
/// </summary>
/// <remarks>
/// Reflection-based and generic: a field added to a model class is copied without being listed.
/// Delegates are re-bound to the copies of their targets. Objects that cannot be copied this way
/// (threads, handles, streams) are refused with an exception rather than shared by mistake; a
/// caller that holds such a resource marks its type shared and replaces it after the copy. One
/// copier makes one copy; it is not thread-safe, but copiers on different threads are independent.
/// </remarks>
public sealed class StateCopier
{
    private static readonly ConcurrentDictionary<Type, TypePlan> Plans = new();
    private static readonly Func<object, object> ShallowClone =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!.CreateDelegate<Func<object, object>>();

    private readonly Dictionary<object, object> _map = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, bool> _sharedTypes = [];
    private readonly Func<Type, bool> _shared;
    private readonly Queue<(object Original, object Copy, TypePlan Plan)> _pending = new();

    /// <summary>Creates a copier.</summary>
    /// <param name="shared">Whether objects of a (run-time) type are immutable and referenced as they are rather than copied.</param>
    public StateCopier(Func<Type, bool> shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        _shared = shared;
    }

    /// <summary>Objects copied so far.</summary>
    public int Copied { get; private set; }

    /// <summary>Every reference to <paramref name="original"/> in what is copied becomes <paramref name="replacement"/> (not copied).</summary>
    public void Substitute(object original, object replacement)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(replacement);
        _map[original] = replacement;
    }

    /// <summary>A deep copy of <paramref name="original"/> and everything it reaches (see the type's remarks).</summary>
    public T Copy<T>(T original)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(original);
        object copy = Map(original)!;
        while (_pending.TryDequeue(out (object Original, object Copy, TypePlan Plan) item))
        {
            Fill(item.Original, item.Copy, item.Plan);
        }

        return (T)copy;
    }

    /// <summary>The copy of <paramref name="o"/>: already made, shared, or a new shallow copy whose references are fixed later.</summary>
    private object? Map(object? o)
    {
        if (o is null)
        {
            return null;
        }

        if (_map.TryGetValue(o, out object? done))
        {
            return done;
        }

        Type type = o.GetType();
        if (IsShared(type))
        {
            return o;
        }

        TypePlan plan = Plans.GetOrAdd(type, TypePlan.Of);
        object copy;
        switch (plan.Kind)
        {
            case PlanKind.Refused:
                throw new NotSupportedException($"the model state holds a {type.FullName}, which cannot be copied: {plan.Why}");
            case PlanKind.Delegate:
                var d = (Delegate)o;
                if (d.Target is null)
                {
                    copy = d;
                    break;
                }

                if (d.GetInvocationList().Length != 1)
                {
                    throw new NotSupportedException($"the model state holds a multicast {type.FullName}, which is not copied");
                }

                copy = Delegate.CreateDelegate(type, Map(d.Target)!, d.Method);
                break;
            case PlanKind.PlainObject:
                copy = type == typeof(object) ? new object() : ShallowClone(o);
                break;
            default:
                copy = ShallowClone(o);
                break;
        }

        _map[o] = copy;
        Copied++;
        if (plan.Kind is PlanKind.Object or PlanKind.ReferenceArray or PlanKind.StructArray)
        {
            _pending.Enqueue((o, copy, plan));
        }

        return copy;
    }

    private bool IsShared(Type type)
    {
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || typeof(MemberInfo).IsAssignableFrom(type))
        {
            return true;
        }

        if (!_sharedTypes.TryGetValue(type, out bool shared))
        {
            shared = _shared(type);
            _sharedTypes[type] = shared;
        }

        return shared;
    }

    private void Fill(object original, object copy, TypePlan plan)
    {
        switch (plan.Kind)
        {
            case PlanKind.ReferenceArray:
                object?[] to = (object?[])copy;
                for (int i = 0; i < to.Length; i++)
                {
                    to[i] = Map(to[i]);
                }

                break;
            case PlanKind.StructArray:
                var array = (Array)copy;
                TypePlan element = plan.Element!;
                for (int i = 0; i < array.Length; i++)
                {
                    object box = array.GetValue(i)!;
                    FixFields(box, element);
                    array.SetValue(box, i);
                }

                break;
            default:
                FixFields(copy, plan);
                break;
        }
    }

    /// <summary>Replaces the references in <paramref name="target"/>'s fields (a shallow copy, or a boxed struct) by their copies.</summary>
    private void FixFields(object target, TypePlan plan)
    {
        foreach (FieldInfo f in plan.ReferenceFields)
        {
            object? value = f.GetValue(target);
            if (value is not null)
            {
                f.SetValue(target, Map(value));
            }
        }

        foreach ((FieldInfo f, TypePlan inner) in plan.StructFields)
        {
            object box = f.GetValue(target)!;
            FixFields(box, inner);
            f.SetValue(target, box);
        }
    }

    private enum PlanKind
    {
        /// <summary>No references to fix: a shallow copy is a deep one.</summary>
        PlainObject,
        Object,
        ReferenceArray,
        StructArray,
        Delegate,
        Refused,
    }

    /// <summary>How a type is copied: its fields that hold references (directly or in a struct), computed once per type.</summary>
    private sealed class TypePlan
    {
        public PlanKind Kind { get; private init; }

        public string? Why { get; private init; }

        public FieldInfo[] ReferenceFields { get; private init; } = [];

        public (FieldInfo Field, TypePlan Plan)[] StructFields { get; private init; } = [];

        public TypePlan? Element { get; private init; }

        public static TypePlan Of(Type type)
        {
            if (type.IsArray)
            {
                Type e = type.GetElementType()!;
                if (type.GetArrayRank() != 1 || type != e.MakeArrayType())
                {
                    return new TypePlan { Kind = PlanKind.Refused, Why = "only one-dimensional, zero-based arrays are copied" };
                }

                if (!e.IsValueType)
                {
                    return new TypePlan { Kind = PlanKind.ReferenceArray };
                }

                TypePlan inner = Of(e);
                return inner.Kind == PlanKind.PlainObject
                    ? new TypePlan { Kind = PlanKind.PlainObject }
                    : new TypePlan { Kind = PlanKind.StructArray, Element = inner };
            }

            if (typeof(Delegate).IsAssignableFrom(type))
            {
                return new TypePlan { Kind = PlanKind.Delegate };
            }

            foreach (Type refused in (Type[])[typeof(Thread), typeof(Stream), typeof(WaitHandle), typeof(System.Runtime.InteropServices.SafeHandle), typeof(CancellationTokenSource), typeof(Task)])
            {
                if (refused.IsAssignableFrom(type))
                {
                    return new TypePlan { Kind = PlanKind.Refused, Why = "it holds an operating-system resource or a thread" };
                }
            }

            if (type.IsPointer || type.IsByRefLike)
            {
                return new TypePlan { Kind = PlanKind.Refused, Why = "pointers are not copied" };
            }

            var references = new List<FieldInfo>();
            var structs = new List<(FieldInfo, TypePlan)>();
            for (Type? t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
            {
                foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Type ft = f.FieldType;
                    if (ft.IsPointer || ft == typeof(string) || (ft.IsGenericType && ft.GetGenericTypeDefinition() == typeof(ImmutableArray<>)))
                    {
                        continue; // a pointer is refused above; strings and immutable arrays are shared as they are
                    }

                    if (!ft.IsValueType)
                    {
                        references.Add(f);
                    }
                    else if (!ft.IsPrimitive && !ft.IsEnum && ContainsReferences(ft))
                    {
                        TypePlan inner = Plans.GetOrAdd(ft, Of);
                        if (inner.Kind == PlanKind.Refused)
                        {
                            return inner;
                        }

                        if (inner.Kind != PlanKind.PlainObject)
                        {
                            structs.Add((f, inner));
                        }
                    }
                }
            }

            return references.Count == 0 && structs.Count == 0
                ? new TypePlan { Kind = PlanKind.PlainObject }
                : new TypePlan { Kind = PlanKind.Object, ReferenceFields = [.. references], StructFields = [.. structs] };
        }

        private static bool ContainsReferences(Type valueType) =>
            (bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!.MakeGenericMethod(valueType).Invoke(null, null)!;
    }
}
