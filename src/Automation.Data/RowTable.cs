using System.Collections.Concurrent;
using System.Globalization;

namespace Automation.Data;

/// <summary>
/// A table the writer adds many rows to at once. SQLite: multi-row INSERTs of at most <c>chunk</c> rows, so there are
/// few statement shapes and they stay prepared. PostgreSQL: one <c>INSERT … SELECT * FROM unnest(arrays)</c> with a
/// typed array per column, so any number of rows is one statement of a fixed shape instead of one parameter per
/// value (Npgsql spent microseconds on each).
/// </summary>
/// <remarks>
/// Columns from <c>sparseFrom</c> on are sparse: on SQLite a row's INSERT names only those that are not NULL, so a
/// priced step binds the few figures it has instead of all 27 (rows are grouped by which columns they have; past
/// <see cref="MaxShapes"/> combinations the rest bind every column); on PostgreSQL a group's INSERT sends arrays only
/// for the sparse columns some of its rows have.
/// </remarks>
internal sealed class RowTable
{
    private const int MaxShapes = 64;
    private readonly string table;
    private readonly (string Column, string PostgresType)[] columns;
    private readonly int chunk;
    private readonly int sparseFrom;
    private readonly Shape dense;
    private readonly ConcurrentDictionary<ulong, Shape> shapes = new();
    private readonly string[] arrayNames;
    private readonly ArrayShape denseArrays;
    private readonly ConcurrentDictionary<ulong, ArrayShape> arrayShapes = new();

    public RowTable(string table, (string Column, string PostgresType)[] columns, int chunk, int? sparseFrom = null)
    {
        this.table = table;
        this.columns = columns;
        this.chunk = chunk;
        this.sparseFrom = sparseFrom ?? columns.Length;
        if (columns.Length - this.sparseFrom > 64) throw new ArgumentOutOfRangeException(nameof(sparseFrom), "At most 64 sparse columns.");
        dense = NewShape([.. Enumerable.Range(0, columns.Length)]);
        arrayNames = [.. columns.Select((_, c) => string.Create(CultureInfo.InvariantCulture, $"@a{c}"))];
        denseArrays = NewArrayShape([.. Enumerable.Range(0, columns.Length)]);
    }

    public async Task InsertAsync(WriterSession w, object?[][] rows, CancellationToken ct)
    {
        if (rows.Length == 0) return;
        if (w.Batching)
        {
            // Only the sparse columns some row of the group has: an all-NULL figure column is left out, not sent.
            var union = 0UL;
            foreach (var row in rows) union |= MaskOf(row);
            var arrays = ArrayShapeOf(union);
            await w.ExecAsync(arrays.Sql, false, ct, [.. arrays.Columns.Select(c => (arrayNames[c], Column(rows, c, columns[c].PostgresType)))]);
            return;
        }
        // Rows of one shape (always without sparse columns; usually with them) go in as they are, without grouping.
        var first = MaskOf(rows[0]);
        var i = 1;
        while (i < rows.Length && MaskOf(rows[i]) == first) i++;
        if (i == rows.Length)
        {
            Insert(w, ShapeOf(first), rows);
            return;
        }
        var groups = new Dictionary<ulong, List<object?[]>>();
        foreach (var row in rows)
        {
            var mask = MaskOf(row);
            if (!groups.TryGetValue(mask, out var group)) groups[mask] = group = [];
            group.Add(row);
        }
        foreach (var (mask, group) in groups) Insert(w, ShapeOf(mask), [.. group]);
    }

    private void Insert(WriterSession w, Shape shape, object?[][] rows)
    {
        for (var start = 0; start < rows.Length; start += chunk)
        {
            var count = Math.Min(chunk, rows.Length - start);
            w.InsertRows(shape.Sqls[count], rows, start, count, shape.Columns);
        }
    }

    private ulong MaskOf(object?[] row)
    {
        var mask = 0UL;
        for (var c = sparseFrom; c < row.Length; c++)
        {
            if (row[c] is not null) mask |= 1UL << (c - sparseFrom);
        }
        return mask;
    }

    private Shape ShapeOf(ulong mask) => Cached(shapes, mask, dense, NewShape);

    private ArrayShape ArrayShapeOf(ulong mask) => Cached(arrayShapes, mask, denseArrays, NewArrayShape);

    /// <summary>The statement shape for a column mask, made once; past <see cref="MaxShapes"/> masks, the dense one.</summary>
    private T Cached<T>(ConcurrentDictionary<ulong, T> cache, ulong mask, T all, Func<int[], T> make)
    {
        if (cache.TryGetValue(mask, out var shape)) return shape;
        if (cache.Count >= MaxShapes) return all;
        return cache.GetOrAdd(mask, m => make(Present(m)));
    }

    private int[] Present(ulong mask) =>
        [.. Enumerable.Range(0, columns.Length).Where(c => c < sparseFrom || (mask & (1UL << (c - sparseFrom))) != 0)];

    private ArrayShape NewArrayShape(int[] present)
    {
        var list = string.Join(", ", present.Select(c => columns[c].Column));
        return new ArrayShape(present,
            $"INSERT INTO {table} ({list}) SELECT * FROM unnest({string.Join(", ", present.Select(c => $"{arrayNames[c]}::{columns[c].PostgresType}[]"))})");
    }

    private Shape NewShape(int[] present)
    {
        var list = string.Join(", ", present.Select(c => columns[c].Column));
        var row = "(" + string.Join(',', present.Select(_ => "?")) + ")";
        return new Shape(present, [.. Enumerable.Range(0, chunk + 1).Select(rows => $"INSERT INTO {table} ({list}) VALUES " + string.Join(',', Enumerable.Repeat(row, rows)))]);
    }

    private static object Column(object?[][] rows, int c, string type) => type switch
    {
        "integer" => rows.Select(r => (int)r[c]!).ToArray(),
        "bigint" => rows.Select(r => (long)r[c]!).ToArray(),
        "double precision" => rows.Select(r => (double?)r[c]).ToArray(),
        _ => rows.Select(r => (string?)r[c]).ToArray(),
    };

    /// <summary>The columns a group of rows has on PostgreSQL, and its INSERT from one array per column.</summary>
    private sealed class ArrayShape(int[] columns, string sql)
    {
        public int[] Columns { get; } = columns;

        public string Sql { get; } = sql;
    }

    /// <summary>The columns a group of rows has, and its INSERT for 0 to <c>chunk</c> rows.</summary>
    private sealed class Shape(int[] columns, string[] sqls)
    {
        public int[] Columns { get; } = columns;

        public string[] Sqls { get; } = sqls;
    }
}
