// The API documentation page: Swagger UI (vendored) over this server's OpenAPI description.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: el.getAttribute("data-openapi"), domNode: el, validatorUrl: null, deepLinking: true });
});
