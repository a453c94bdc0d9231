namespace CrmBridge.Worker.Tests.ClientSuccess;

/// <summary>Stands for a process dying: not a CRM failure, so nothing in the product catches it.</summary>
internal sealed class SimulatedCrashException(string message) : Exception(message);
