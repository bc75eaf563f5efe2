using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansSweep.Hosting.Storage;

namespace OrleansSweep.Hosting.Tests;

/// <summary>The project's exceptions cross a grain call with their type and message (they failed the call before).</summary>
public sealed class WireExceptionsTests
{
    [Fact]
    public void An_injected_storage_fault_crosses_the_wire_with_its_type_and_message()
    {
        var serializer = Serializer(withSweepTypes: true);

        var copy = serializer.Deserialize<Exception>(
            serializer.SerializeToArray<Exception>(new InjectedStorageFaultException("write of trials refused")));

        var fault = Assert.IsType<InjectedStorageFaultException>(copy);
        Assert.Equal("write of trials refused", fault.Message);
    }

    [Fact]
    public void Without_the_registration_Orleans_refuses_the_same_exception()
    {
        var serializer = Serializer(withSweepTypes: false);

        Assert.Throws<CodecNotFoundException>(() =>
            serializer.SerializeToArray<Exception>(new InjectedStorageFaultException("x")));
    }

    private static Serializer Serializer(bool withSweepTypes)
    {
        var services = new ServiceCollection().AddSerializer();
        if (withSweepTypes) services.AddSweepExceptionTypes();
        return services.BuildServiceProvider().GetRequiredService<Serializer>();
    }
}
