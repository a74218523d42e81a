import { describe, expect, it } from "vitest";
import { classifyWordpressError } from "@/providers/wordpress/wordpress.errors";

// Every error row of ../shared/platforms/wordpress.md §4, with WordPress's own bodies
// ({"code", "message", "data": {"status"}}, as core's WP_REST_Server sends them).

const wp = (status: number, code: string, message: string, data: Record<string, unknown> = {}) =>
  [JSON.stringify({ code, message, data: { status, ...data } }), status] as const;

describe("classifyWordpressError", () => {
  it.each([
    [
      "incorrect_password",
      wp(401, "incorrect_password", "The provided password is an invalid application password."),
      /invalid application password\. Create a new application password/,
    ],
    [
      "invalid_username",
      wp(401, "invalid_username", "<strong>Error:</strong> Unknown username. Check again or try your email address."),
      /^Error: Unknown username\..*login name/,
    ],
    ["application_passwords_disabled", wp(401, "application_passwords_disabled", "Application passwords are not available."), /https/],
    [
      "application_passwords_disabled_for_user",
      wp(
        401,
        "application_passwords_disabled_for_user",
        "Application passwords are not available for your account. Please contact the site administrator for assistance.",
      ),
      /allow application passwords/,
    ],
    ["rest_not_logged_in", wp(401, "rest_not_logged_in", "You are not currently logged in."), /Authorization header/],
    [
      "rest_cannot_create with 401 (nobody signed in)",
      wp(401, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user."),
      /not allowed to create posts/,
    ],
  ])("%s → disconnect", (_name, [body, status], message) => {
    expect(classifyWordpressError(body, status)).toEqual({ kind: "disconnect", message: expect.stringMatching(message) });
  });

  it.each([
    ["rest_cannot_create with 403 (the role)", wp(403, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.")],
    ["rest_cannot_publish", wp(403, "rest_cannot_publish", "Sorry, you are not allowed to publish posts in this post type.")],
    ["rest_missing_callback_param", wp(400, "rest_missing_callback_param", "Missing parameter(s): title", { params: ["title"] })],
    ["rest_no_route", wp(404, "rest_no_route", "No route was found matching the URL and request method.")],
    ["rest_upload_no_content_disposition", wp(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.")],
    ["rest_upload_invalid_disposition", wp(400, "rest_upload_invalid_disposition", "Invalid Content-Disposition supplied.")],
    ["rest_upload_no_data", wp(400, "rest_upload_no_data", "No data supplied.")],
    ["rest_upload_sideload_error", wp(500, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type.")],
    ["rest_upload_file_too_big", wp(400, "rest_upload_file_too_big", "This file is too big. Files must be less than 2 MB in size.")],
    ["rest_upload_limited_space", wp(400, "rest_upload_limited_space", "Not enough space to upload. 1 KB needed.")],
    [
      "rest_upload_user_quota_exceeded",
      wp(400, "rest_upload_user_quota_exceeded", "You have used your space quota. Please delete files before uploading."),
    ],
  ])("%s → bad-body with WordPress's message", (_name, [body, status]) => {
    expect(classifyWordpressError(body, status)).toEqual({ kind: "bad-body", message: JSON.parse(body).message });
  });

  it("rest_invalid_param names the parameter and WordPress's reason", () => {
    const [body, status] = wp(400, "rest_invalid_param", "Invalid parameter(s): status", {
      params: { status: "status is not one of publish, future, draft, pending, private." },
    });
    expect(classifyWordpressError(body, status)).toEqual({
      kind: "bad-body",
      message: "Invalid parameter(s): status status is not one of publish, future, draft, pending, private.",
    });
  });

  it("rest_upload_unknown_error and a database failure → retry", () => {
    expect(
      classifyWordpressError(...wp(500, "rest_upload_unknown_error", "Sorry, you are not allowed to upload this file type."))?.kind,
    ).toBe("retry");
    expect(classifyWordpressError(...wp(500, "db_insert_error", "Could not insert post into the database."))?.kind).toBe("retry");
  });

  it("leaves 5xx, 429 and HTML maintenance pages to the status rules (retry)", () => {
    expect(
      classifyWordpressError(...wp(500, "internal_server_error", "<p>There has been a critical error on this website.</p>")),
    ).toBeUndefined();
    expect(classifyWordpressError("<html><h1>Briefly unavailable for scheduled maintenance.</h1></html>", 503)).toBeUndefined();
    expect(classifyWordpressError("<html>Too Many Requests</html>", 429)).toBeUndefined();
  });

  it("a firewall's HTML 401/403 page (the request never reached WordPress) → disconnect with the header hint", () => {
    expect(classifyWordpressError("<html>Forbidden</html>", 403)).toEqual({
      kind: "disconnect",
      message: expect.stringMatching(/Authorization header/),
    });
  });
});
