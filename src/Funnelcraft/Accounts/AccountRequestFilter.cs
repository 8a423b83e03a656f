using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Funnelcraft.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;

namespace Funnelcraft.Accounts;

/// <summary>
/// In front of every <c>/api/auth</c> endpoint (ASP.NET Core Identity's own): every string a request carries is checked
/// against the input limits before Identity sees it (an e-mail of 256 characters at most, a password of 256, anything
/// else 4,000; no control characters), so nothing oversized or unstorable reaches the user store; a registration of an
/// address that has an account answers exactly as a new one would; a sign-in the throttle refused answers 429.
/// </summary>
public static class AccountRequestFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext factory, EndpointFilterDelegate next)
    {
        var parameters = factory.MethodInfo.GetParameters();
        return async context =>
        {
            if (Validate(parameters, context.Arguments) is { } errors)
            {
                return TypedResults.ValidationProblem(errors);
            }

            var result = await next(context);
            var http = context.HttpContext;
            if (http.Features.Get<SignInThrottled>() is { } throttled)
            {
                http.Response.Headers.RetryAfter = throttled.Seconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
                    detail: $"Too many failed sign-ins: try again in {throttled.Seconds} s.");
            }

            if (context.Arguments.OfType<RegisterRequest>().FirstOrDefault() is { } register
                && (result is INestedHttpResult nested ? nested.Result : result) is ValidationProblem problem
                && problem.ProblemDetails.Errors.Keys.Any(AccountRegistration.IsTaken))
            {
                var rest = problem.ProblemDetails.Errors.Where(e => !AccountRegistration.IsTaken(e.Key)).ToDictionary();
                if (rest.Count > 0)
                {
                    return TypedResults.ValidationProblem(rest);
                }

                await http.RequestServices.GetRequiredService<AccountRegistration>().NotifyOwnerAsync(register.Email);
                return TypedResults.Ok();
            }

            return result;
        };
    }

    private static Dictionary<string, string[]>? Validate(ParameterInfo[] parameters, IList<object?> arguments)
    {
        Dictionary<string, string[]>? errors = null;
        for (var i = 0; i < arguments.Count && i < parameters.Length; i++)
        {
            switch (arguments[i])
            {
                case string text:
                    Check(parameters[i].Name ?? "value", text, ref errors);
                    break;
                case { } body when body.GetType().Namespace == typeof(LoginRequest).Namespace:
                    foreach (var property in body.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)))
                    {
                        if (property.GetValue(body) is string value)
                        {
                            Check(property.Name, value, ref errors);
                        }
                    }

                    break;
            }
        }

        return errors;
    }

    private static void Check(string name, string value, ref Dictionary<string, string[]>? errors)
    {
        var field = JsonNamingPolicy.CamelCase.ConvertName(name);
        var (limit, plain) = field switch
        {
            "email" or "newEmail" or "changedEmail" => (InputLimits.Email, true),
            "password" or "newPassword" or "oldPassword" => (InputLimits.Password, false),
            _ => (InputLimits.Other, true),
        };
        var problem = value.Length > limit ? $"must be at most {limit} characters."
            : plain ? PlainTextAttribute.Problem(value, multiline: false)
            : null;
        if (problem is not null)
        {
            (errors ??= [])[field] = [$"The {field} {problem}"];
        }
    }
}
