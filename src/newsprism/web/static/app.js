// newsprism pages: charts (Vega-Lite, vendored) and maps (Leaflet over the bundled outlines).
// Content is rendered on the server; this only draws what data-* attributes describe.
(function () {
  "use strict";

  function drawCharts(root) {
    if (!window.vegaEmbed || !window.vega) return;
    root.querySelectorAll(".vega-chart[data-spec]:not([data-drawn])").forEach(function (el) {
      el.setAttribute("data-drawn", "1");
      var spec;
      try { spec = JSON.parse(el.getAttribute("data-spec")); } catch (e) { return; }
      if (!spec.data || !spec.data.values || spec.data.values.length === 0) {
        el.textContent = "no dated values to chart";
        el.classList.add("no-chart");
        return;
      }
      window.vegaEmbed(el, spec, {
        actions: false,
        renderer: "canvas",
        ast: true,
        expr: window.vega.expressionInterpreter,
        defaultStyle: false,
        tooltip: false
      }).catch(function (err) { el.textContent = "chart unavailable: " + err.message; });
    });
  }

  function outline(map, basemapUrl) {
    fetch(basemapUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (world) {
        world.countries.forEach(function (country) {
          country.rings.forEach(function (ring) {
            var latlngs = [];
            for (var i = 0; i + 1 < ring.length; i += 2) latlngs.push([ring[i + 1], ring[i]]);
            L.polygon(latlngs, { color: "#9aa", weight: 0.6, fillColor: "#eef2f2", fillOpacity: 1, interactive: false }).addTo(map);
          });
        });
        map.eachLayer(function (layer) { if (layer.bringToFront && layer.options.radius) layer.bringToFront(); });
      });
  }

  function drawMaps(root) {
    if (!window.L) return;
    root.querySelectorAll(".leaflet-map[data-points]:not([data-drawn])").forEach(function (el) {
      el.setAttribute("data-drawn", "1");
      var points = JSON.parse(el.getAttribute("data-points"));
      var map = L.map(el, { attributionControl: true, worldCopyJump: false, zoomSnap: 0.5 });
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution("Natural Earth outlines");
      var bounds = [];
      points.forEach(function (p) {
        if (typeof p.lat !== "number" || typeof p.lon !== "number") return;
        var marker = L.circleMarker([p.lat, p.lon], {
          radius: Math.min(14, 4 + Math.sqrt(p.mentions || 1) * 2), color: "#b03a2e", weight: 1, fillOpacity: 0.7
        }).addTo(map);
        var label = document.createElement("span");
        label.textContent = p.name + " (" + (p.mentions || 0) + " mention(s))";
        marker.bindTooltip(label);
        bounds.push([p.lat, p.lon]);
      });
      if (bounds.length === 1) map.setView(bounds[0], 6);
      else if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 8 });
      else map.setView([20, 0], 1);
      outline(map, el.getAttribute("data-basemap"));
    });
  }

  function enhance(root) { drawCharts(root); drawMaps(root); }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
})();
