using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Models;
using Refit;

namespace CrmBridge.Adapters.Bitrix24.Api;

/// <summary>What goes on a deal's timeline: to-do activities (tasks) and comments (notes), added and listed.</summary>
internal interface IBitrix24TimelineApi
{
    [Post("/crm.activity.todo.add.json")]
    Task<Bitrix24Response<JsonElement>> AddTodoAsync([Body] JsonObject parameters, CancellationToken cancellationToken);

    [Post("/crm.timeline.comment.add.json")]
    Task<Bitrix24Response<JsonElement>> AddCommentAsync([Body] JsonObject parameters, CancellationToken cancellationToken);

    /// <summary>Activities (<c>filter</c> by OWNER_TYPE_ID and OWNER_ID), 50 a page; the answer's result is an array.</summary>
    [Post("/crm.activity.list.json")]
    Task<Bitrix24Response<JsonElement>> ListActivitiesAsync([Body] JsonObject parameters, CancellationToken cancellationToken);

    /// <summary>Timeline comments of one record (<c>filter</c> by ENTITY_ID and ENTITY_TYPE), 50 a page; the result is an array.</summary>
    [Post("/crm.timeline.comment.list.json")]
    Task<Bitrix24Response<JsonElement>> ListCommentsAsync([Body] JsonObject parameters, CancellationToken cancellationToken);
}
