// The API docs page: Swagger UI (served from the package, see web/app.py) on our OpenAPI.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: root.getAttribute("data-openapi"), dom_id: "#swagger-ui" });
})();
