namespace CrmBridge.Core.Cemetery;

/// <summary>A channel could not deliver a message. The message is safe to store and print: it never holds a secret.</summary>
public sealed class CemeteryDeliveryException : Exception
{
    public CemeteryDeliveryException()
    {
    }

    public CemeteryDeliveryException(string message)
        : base(message)
    {
    }

    public CemeteryDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
