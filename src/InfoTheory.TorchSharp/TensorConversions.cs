using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// Turns TorchSharp tensors into the estimators' inputs: <see cref="Samples"/> (N observations, the first dimension,
/// of all the other dimensions flattened) and <see cref="FeatureMaps"/> (an N × C × H × W layer, each map a variable).
/// </summary>
/// <remarks>
/// <para>No copy where the tensor allows it: a contiguous CPU tensor of <c>float64</c> or <c>float32</c> is wrapped as it
/// is, and the result keeps the tensor's storage alive (through an alias of its own, so disposing your tensor is
/// safe). Such a view sees later in-place changes to the tensor, e.g. by an optimiser step: pass
/// <c>copy: true</c> for a snapshot. Any other tensor (on a GPU, non-contiguous, another dtype) is copied: to
/// <c>float32</c> from half-precision types, to <c>float64</c> from everything else.</para>
/// <para>Gradients are never tracked: the data are read as by <c>detach()</c>.</para>
/// </remarks>
public static class TensorConversions
{
    /// <summary>The tensor as N observations (its first dimension) of all its other dimensions flattened.</summary>
    /// <param name="tensor">A tensor of at least one dimension; a 1-D tensor is N observations of one value.</param>
    /// <param name="copy">True for a snapshot even where a view is possible.</param>
    /// <returns>The samples.</returns>
    /// <exception cref="ArgumentException">The tensor is a scalar, complex or boolean, empty in a non-batch dimension, or too large for one array.</exception>
    public static Samples ToSamples(this Tensor tensor, bool copy = false)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = Check(tensor, nameof(tensor));
        int dimensions = shape.Length == 1 ? 1 : checked((int)shape.Skip(1).Aggregate(1L, (a, b) => a * b));
        return Wrap(tensor, copy, static (d, n) => new Samples(d, n), static (s, n) => new Samples(s, n), dimensions);
    }

    /// <summary>An N × C × H × W tensor as C feature maps of H·W values per observation.</summary>
    /// <param name="tensor">A 4-D tensor.</param>
    /// <param name="copy">True for a snapshot even where a view is possible.</param>
    /// <returns>The feature maps.</returns>
    /// <exception cref="ArgumentException">The tensor is not 4-D, or as in <see cref="ToSamples"/>.</exception>
    public static FeatureMaps ToFeatureMaps(this Tensor tensor, bool copy = false)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = Check(tensor, nameof(tensor));
        if (shape.Length != 4)
        {
            throw new ArgumentException(
                $"tensor has shape [{string.Join(", ", shape)}]; feature maps need N × C × H × W. Use ToSamples for other layers.", nameof(tensor));
        }

        int n = (int)shape[0], c = (int)shape[1], h = (int)shape[2], w = (int)shape[3];
        return Wrap(tensor, copy, (d, _) => new FeatureMaps(d, n, c, h, w), (s, _) => new FeatureMaps(s, n, c, h, w), 0);
    }

    private static long[] Check(Tensor tensor, string name)
    {
        var shape = tensor.shape;
        if (shape.Length == 0)
        {
            throw new ArgumentException("tensor is a scalar; the first dimension must index the observations.", name);
        }

        if (tensor.is_complex() || tensor.dtype == ScalarType.Bool)
        {
            throw new ArgumentException($"tensor has dtype {tensor.dtype}; use a real floating or integer tensor.", name);
        }

        if (shape.Skip(1).Any(s => s == 0))
        {
            throw new ArgumentException($"tensor has shape [{string.Join(", ", shape)}]; every observation needs at least one value.", name);
        }

        if (tensor.numel() > Array.MaxLength)
        {
            throw new ArgumentException($"tensor has {tensor.numel()} elements, more than one array can hold ({Array.MaxLength}); measure a smaller batch.", name);
        }

        return shape;
    }

    private static TResult Wrap<TResult>(Tensor tensor, bool copy, Func<ReadOnlyMemory<double>, int, TResult> doubles,
        Func<ReadOnlyMemory<float>, int, TResult> singles, int dimensions)
    {
        bool view = !copy && tensor.device_type == DeviceType.CPU && tensor.is_contiguous()
            && tensor.numel() * tensor.element_size() <= int.MaxValue;
        if (view && tensor.dtype == ScalarType.Float64)
        {
            return doubles(new TensorMemory<double>(tensor).Memory, dimensions);
        }

        if (view && tensor.dtype == ScalarType.Float32)
        {
            return singles(new TensorMemory<float>(tensor).Memory, dimensions);
        }

        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu();
        if (cpu.dtype is ScalarType.Float32 or ScalarType.Float16 or ScalarType.BFloat16)
        {
            return singles(cpu.to_type(ScalarType.Float32).contiguous().data<float>().ToArray(), dimensions);
        }

        return doubles(cpu.to_type(ScalarType.Float64).contiguous().data<double>().ToArray(), dimensions);
    }

    /// <summary>
    /// The storage of a contiguous CPU tensor as <see cref="Memory{T}"/>. Holds an alias of the tensor (outside any
    /// dispose scope), so the storage lives as long as the memory is reachable; the alias is released when it is collected.
    /// </summary>
    private sealed unsafe class TensorMemory<T> : MemoryManager<T>
        where T : unmanaged
    {
        private readonly Tensor _alias;
        private readonly T* _pointer;
        private readonly int _length;

        public TensorMemory(Tensor tensor)
        {
            _alias = tensor.detach().DetachFromDisposeScope();
            // The data of the tensor itself (its storage offset included), as TorchSharp's own byte view finds it.
            _pointer = (T*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(_alias.bytes));
            _length = (int)_alias.numel();
        }

        public override Span<T> GetSpan() => new(_pointer, _length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _alias.Dispose();
            }
        }
    }
}
