using System;
using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Errors;
using SdeAlm.Json;

namespace SdeAlm.Api;

/// <summary>
/// Walks a Django REST framework list page after page: the items of each page, then its <c>next</c>
/// link, which must stay on the server connection's origin (the token goes nowhere else) and must not
/// lead back to a page already read.
/// </summary>
internal static class PageWalker
{
    private const int MaximumPages = 10_000;

    /// <summary>The items of every page of a typed list, without the nulls a server may put in it.</summary>
    public static IEnumerable<T> Walk<T>(Uri baseUri, Uri first, string listName, Func<Uri, PageWire<T>> fetch)
        where T : class
    {
        foreach (var item in Walk(baseUri, first, listName, fetch, page => ((IEnumerable<T?>?)page.Results, page.Next)))
        {
            if (item is not null)
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// The items of every page, starting at <paramref name="first"/>. <paramref name="read"/> gets a page's
    /// items and <c>next</c> link (null when it has no item list); <paramref name="listName"/> says
    /// which list in messages, such as "job list".
    /// </summary>
    public static IEnumerable<TItem> Walk<TPage, TItem>(
        Uri baseUri,
        Uri first,
        string listName,
        Func<Uri, TPage> fetch,
        Func<TPage, (IEnumerable<TItem>? Items, string? Next)> read)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? current = first;
        while (current is not null)
        {
            if (!seen.Add(current.AbsoluteUri) || seen.Count > MaximumPages)
            {
                throw new SdeApiException(
                    $"The {listName}'s 'next' links loop back to {current}. The server's pagination is broken; report it to your SD Elements administrator.",
                    SdeErrorIds.InvalidJson,
                    ErrorCategory.InvalidData,
                    current);
            }

            var (items, next) = read(fetch(current));
            if (items is null)
            {
                throw new SdeApiException(
                    $"The answer from {current} has no 'results' list. Check that -Server points at SD Elements.",
                    SdeErrorIds.InvalidJson,
                    ErrorCategory.InvalidData,
                    current);
            }

            foreach (var item in items)
            {
                yield return item;
            }

            current = NextPage(baseUri, current, next, listName);
        }
    }

    private static Uri? NextPage(Uri baseUri, Uri current, string? next, string listName)
    {
        if (string.IsNullOrEmpty(next))
        {
            return null;
        }

        if (!Uri.TryCreate(current, next, out var target) || !ServerAddress.IsSameOrigin(target, baseUri))
        {
            throw new SdeApiException(
                $"The {listName}'s 'next' link '{next}' leaves {baseUri}. SdeAlm does not follow it so that the API token is never sent anywhere else.",
                SdeErrorIds.RedirectRefused,
                ErrorCategory.SecurityError,
                next);
        }

        return target;
    }
}
