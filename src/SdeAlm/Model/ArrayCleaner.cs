using System;
using System.Collections.Generic;

namespace SdeAlm.Model;

internal static class ArrayCleaner
{
    /// <summary>Returns the array without null entries; null itself becomes empty. Allocates only when something is dropped.</summary>
    public static T[] WithoutNulls<T>(T?[]? items)
        where T : class
    {
        if (items is null)
        {
            return [];
        }

        if (Array.IndexOf(items, null) < 0)
        {
            return (T[])(object)items;
        }

        var kept = new List<T>(items.Length);
        foreach (var item in items)
        {
            if (item is not null)
            {
                kept.Add(item);
            }
        }

        return kept.ToArray();
    }
}
