using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Automation.Data;

/// <summary>
/// Binds the writer's values with SQLite's own functions on the statement pointer. Through SQLitePCLRaw every bind
/// went through an interface and reference-counted the statement's SafeHandle, and text bound as UTF-16 was converted
/// by SQLite one character at a time: binding took about a quarter of the SQLite writer's time. Text is encoded to
/// UTF-8 here (vectorised) and copied by SQLite (SQLITE_TRANSIENT).
/// </summary>
/// <remarks>The library is the e_sqlite3 that Microsoft.Data.Sqlite bundles and loads; the statement must stay alive during the call.</remarks>
internal static unsafe partial class SqliteBinding
{
    private const string Library = "e_sqlite3";
    private const int Ok = 0;
    private static readonly nint Transient = -1;

    /// <summary>Binds one value (null, text, integer, boolean or double) to a 1-based parameter position.</summary>
    /// <exception cref="InvalidOperationException">The value has no SQLite binding, or SQLite refused it.</exception>
    public static void Bind(nint statement, int position, object? value)
    {
        var rc = value switch
        {
            null => sqlite3_bind_null(statement, position),
            string text => BindText(statement, position, text),
            long number => sqlite3_bind_int64(statement, position, number),
            int number => sqlite3_bind_int64(statement, position, number),
            bool flag => sqlite3_bind_int64(statement, position, flag ? 1 : 0),
            double real => sqlite3_bind_double(statement, position, real),
            _ => throw new InvalidOperationException($"No SQLite binding for {value.GetType().Name}."),
        };
        if (rc != Ok) throw new InvalidOperationException($"Binding parameter {position} failed with SQLite code {rc}.");
    }

    // Not zeroing the stack buffer: every byte SQLite reads is written by the encoder first.
    [SkipLocalsInit]
    private static int BindText(nint statement, int position, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        // A pointer to a zero-length buffer would still be text (not NULL): empty strings stay empty strings.
        var buffer = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            fixed (byte* bytes = buffer)
            {
                return sqlite3_bind_text(statement, position, bytes, length, Transient);
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_null(nint statement, int position);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_int64(nint statement, int position, long value);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_double(nint statement, int position, double value);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_text(nint statement, int position, byte* text, int bytes, nint destructor);
}
