using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Models;
using Refit;

namespace CrmBridge.Adapters.Bitrix24.Api;

/// <summary>What goes on a deal's timeline: to-do activities (tasks) and comments (notes).</summary>
internal interface IBitrix24TimelineApi
{
    [Post("/crm.activity.todo.add.json")]
    Task<Bitrix24Response<JsonElement>> AddTodoAsync([Body] JsonObject parameters, CancellationToken cancellationToken);

    [Post("/crm.timeline.comment.add.json")]
    Task<Bitrix24Response<JsonElement>> AddCommentAsync([Body] JsonObject parameters, CancellationToken cancellationToken);
}
