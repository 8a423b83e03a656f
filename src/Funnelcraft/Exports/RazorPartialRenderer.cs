using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Funnelcraft.Exports;

/// <summary>
/// Renders one of the pages' Razor partials to a string outside a page request, so that a file export shows exactly
/// what the page shows: the same markup from the same partial, HTML-encoded by Razor.
/// </summary>
public sealed class RazorPartialRenderer(IRazorViewEngine engine, ITempDataProvider tempData, IModelMetadataProvider metadata, IServiceScopeFactory scopes)
{
    public async Task<string> RenderAsync<TModel>(string path, TModel model, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var view = engine.GetView(executingFilePath: null, viewPath: path, isMainPage: false);
        if (!view.Success)
        {
            throw new InvalidOperationException($"The partial {path} was not found.");
        }

        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var context = new ViewContext(
            new ActionContext(http, new Microsoft.AspNetCore.Routing.RouteData(), new ActionDescriptor()),
            view.View,
            new ViewDataDictionary<TModel>(metadata, new ModelStateDictionary()) { Model = model },
            new TempDataDictionary(http, tempData),
            writer,
            new HtmlHelperOptions());
        await view.View.RenderAsync(context);
        return writer.ToString();
    }
}
