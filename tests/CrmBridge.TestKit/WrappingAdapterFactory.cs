using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.TestKit;

/// <summary>A product adapter factory whose adapters come back wrapped (usually in a <see cref="ForwardingCrmAdapter"/>).</summary>
public sealed class WrappingAdapterFactory(ICrmAdapterFactory inner, Func<ICrmAdapter, ICrmAdapter> wrap) : ICrmAdapterFactory
{
    public CrmKind Kind => inner.Kind;

    public ICrmAdapter Create(ConnectionOptions connection) => wrap(inner.Create(connection));

    public IEnumerable<string> Validate(ConnectionOptions connection) => inner.Validate(connection);
}
