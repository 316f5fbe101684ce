using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    /// <summary>A list this long (in pages) read backwards shows a progress bar.</summary>
    private const int ProgressFromPages = 3;

    private const int ProgressActivityId = 0x5DF;

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

    /// <summary>
    /// The items of a typed list from its end to its start: the last item of the last page first. The
    /// first page says how many items the list has (<c>count</c>) and links the second (<c>?page=2</c>,
    /// Django REST framework's page numbers); the last page is read next and then each page before it,
    /// so a reader who stops early (Select-Object -First 4) costs two requests, not the whole list. A
    /// server whose first page says neither is read from start to end first. A list of three pages or
    /// more shows a progress bar.
    /// </summary>
    public static IEnumerable<T> WalkBackwards<T>(Uri baseUri, Uri first, string listName, Func<Uri, PageWire<T>> fetch, RequestContext context)
        where T : class
    {
        var firstPage = fetch(first);
        var firstItems = ItemsOf(firstPage.Results, first);
        var second = NextPage(baseUri, first, firstPage.Next, listName);
        var pageCount = firstPage.Count is { } count && firstItems.Count > 0 && second is not null
            ? (count + firstItems.Count - 1) / firstItems.Count
            : 0;
        if (second is not null && (pageCount < 2 || WithPageNumber(second, 2) is null))
        {
            // No page numbers to jump with: read forward, then hand the items out last first.
            context.Verbose($"The {listName} of {baseUri} does not number its pages; reading all of it to start from its end.");
            var all = Walk(baseUri, first, listName, uri => ReferenceEquals(uri, first) ? firstPage : fetch(uri)).ToList();
            for (var i = all.Count - 1; i >= 0; i--)
            {
                yield return all[i];
            }

            yield break;
        }

        var activity = $"Reading the {listName}, newest first";
        for (var number = pageCount; number >= 2; number--)
        {
            if (pageCount >= ProgressFromPages)
            {
                var done = pageCount - number;
                context.Progress(new ProgressRecord(ProgressActivityId, activity, $"Page {number} of {pageCount}") { PercentComplete = 100 * done / pageCount });
            }

            var uri = WithPageNumber(second!, number)!;
            var items = ItemsOf(fetch(uri).Results, uri);
            for (var i = items.Count - 1; i >= 0; i--)
            {
                yield return items[i];
            }
        }

        for (var i = firstItems.Count - 1; i >= 0; i--)
        {
            yield return firstItems[i];
        }

        if (pageCount >= ProgressFromPages)
        {
            context.Progress(new ProgressRecord(ProgressActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>A page's items without nulls; a page without a list is not a page of this API.</summary>
    private static List<T> ItemsOf<T>(T?[]? results, Uri page)
        where T : class =>
        results is null
            ? throw new SdeApiException(
                $"The answer from {page} has no 'results' list. Check that -Server points at SD Elements.",
                SdeErrorIds.InvalidJson,
                ErrorCategory.InvalidData,
                page)
            : [.. results.Where(item => item is not null).Select(item => item!)];

    /// <summary>
    /// The link of page <paramref name="number"/>: the second page's link with its <c>page=2</c>
    /// replaced, so every filter of the list is kept. Null when the link has no <c>page=2</c>.
    /// </summary>
    private static Uri? WithPageNumber(Uri secondPage, int number)
    {
        var parameters = secondPage.Query.TrimStart('?').Split('&');
        var index = Array.IndexOf(parameters, "page=2");
        if (index < 0)
        {
            return null;
        }

        parameters[index] = "page=" + number.ToString(CultureInfo.InvariantCulture);
        return new Uri(secondPage.GetLeftPart(UriPartial.Path) + "?" + string.Join("&", parameters));
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
