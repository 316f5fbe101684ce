using System.Management.Automation;
using System.Reflection;
using SdeAlm.Commands;
using SdeAlm.Errors;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>What SdeCmdlet promises every cmdlet: a safe end of life, and one rule for which failures stop it.</summary>
public class CmdletLifetimeTests
{
    private static readonly MethodInfo s_stopProcessing = typeof(Cmdlet).GetMethod("StopProcessing", BindingFlags.Instance | BindingFlags.NonPublic)!;

    [Fact]
    public void A_stop_after_disposal_and_a_second_disposal_do_nothing()
    {
        var command = new GetSdeAlmConnectorCommand();
        command.Dispose();
        command.Dispose();
        s_stopProcessing.Invoke(command, null);
    }

    [Fact]
    public void A_stop_before_disposal_cancels_the_requests_of_the_command()
    {
        var command = new GetSdeAlmConnectorCommand();
        var context = command.NewRequestContext();
        s_stopProcessing.Invoke(command, null);
        Assert.True(context.CancellationToken.IsCancellationRequested);
        command.Dispose();
    }

    [Theory]
    [InlineData(SdeErrorIds.AlmSettingInvalid, ErrorCategory.InvalidArgument, true)]
    [InlineData(SdeErrorIds.AlmConnectionNotFound, ErrorCategory.ObjectNotFound, true)]
    [InlineData(SdeErrorIds.NotFound, ErrorCategory.ObjectNotFound, true)]
    [InlineData(SdeErrorIds.AlmApiNotFound, ErrorCategory.ObjectNotFound, false)]
    [InlineData(SdeErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, false)]
    [InlineData(SdeErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, false)]
    [InlineData(SdeErrorIds.ServerError, ErrorCategory.ResourceUnavailable, false)]
    [InlineData(SdeErrorIds.AlmSyncNotStarted, ErrorCategory.InvalidOperation, true)]
    [InlineData(SdeErrorIds.AlmSyncNotStarted, ErrorCategory.PermissionDenied, true)]
    public void Only_a_failure_about_one_record_lets_the_others_go_on(string errorId, ErrorCategory category, bool aboutOneRecord) =>
        Assert.Equal(aboutOneRecord, SdeCmdlet.IsAboutOneRecord(new SdeApiException("x", errorId, category)));
}
