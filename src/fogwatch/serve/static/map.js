// The map: one circle per geocoded place, sized by how many articles mention it.
// Circles are drawn as vectors, so they show even when no tile can be loaded.
// Without a tile server (or when its tiles fail to load, as offline) the country
// outlines that ship with fogwatch are drawn beneath them.
(function () {
  "use strict";

  var box = document.getElementById("map");
  var dataEl = document.getElementById("map-data");
  if (!box || !dataEl || typeof L === "undefined") { return; }
  var places = JSON.parse(dataEl.textContent || "[]");

  var map = L.map(box, { worldCopyJump: true, preferCanvas: false });
  var tiles = box.dataset.tiles;

  // Country outlines in their own pane: above any tiles, beneath the markers.
  var outlinesPane = map.createPane("outlines");
  outlinesPane.style.zIndex = 250;
  outlinesPane.style.pointerEvents = "none";
  var outlinesShown = false;
  function showOutlines() {
    var url = box.dataset.outlines;
    if (outlinesShown || !url || typeof fetch === "undefined") { return; }
    outlinesShown = true;
    fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (geo) {
      if (!geo) { return; }
      L.geoJSON(geo, {
        pane: "outlines",
        interactive: false,
        style: { color: "#8a9aa8", weight: 0.8, fillColor: "#f7f5ef", fillOpacity: 1 }
      }).addTo(map);
      box.dataset.outlinesDrawn = String(geo.features ? geo.features.length : 0);
    }).catch(function () { outlinesShown = false; });
  }

  if (tiles) {
    var tileLayer = L.tileLayer(tiles, { maxZoom: 18, attribution: box.dataset.attribution || "" });
    tileLayer.on("tileerror", showOutlines);  // offline: fall back to the outlines
    tileLayer.addTo(map);
  } else {
    map.attributionControl.addAttribution("Natural Earth");
    showOutlines();
  }

  function link(href, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    return a;
  }

  function popup(p) {
    var div = document.createElement("div");
    div.className = "map-popup";
    var b = document.createElement("b");
    b.textContent = p.name;
    div.appendChild(b);
    var where = p.where;
    if (where) { div.appendChild(document.createTextNode(where)); div.appendChild(document.createElement("br")); }
    div.appendChild(document.createTextNode(p.docs + " article" + (p.docs === 1 ? "" : "s") + ", " + p.events + " event" + (p.events === 1 ? "" : "s")));
    div.appendChild(document.createElement("br"));
    div.appendChild(link(p.timeline, "timeline"));
    if (p.entity) { div.appendChild(link(p.entity, "entity page")); }
    return div;
  }

  var layer = L.featureGroup();
  places.forEach(function (p, i) {
    var radius = Math.min(22, 5 + 3 * Math.sqrt(p.docs));
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: radius,
      color: p.events ? "#b3332e" : "#1f5f8b",  // the legend's colours (style.css)
      weight: 1.5,
      fillColor: p.events ? "#e05a52" : "#4a8bbd",
      fillOpacity: 0.55,
      className: "place-marker"
    });
    marker.bindPopup(popup(p));
    // Without a base map the busiest places carry their names, for bearings.
    var labelled = !tiles && i < 12;
    marker.bindTooltip(p.name, {
      direction: labelled ? "right" : "top",
      offset: labelled ? [radius, 0] : [0, -radius],
      permanent: labelled,
      className: labelled ? "map-label" : ""
    });
    layer.addLayer(marker);
  });
  layer.addTo(map);

  // Open on where most of the reporting is: the places near the median of the
  // busiest ones (a far-off capital mentioned in passing should not zoom the map out).
  function median(values) {
    var v = values.slice().sort(function (a, b) { return a - b; });
    return v.length ? v[Math.floor(v.length / 2)] : 0;
  }
  var busiest = places.slice(0, 20);
  var midLat = median(busiest.map(function (p) { return p.lat; }));
  var midLon = median(busiest.map(function (p) { return p.lon; }));
  var near = places.filter(function (p) {
    return Math.abs(p.lat - midLat) < 15 && Math.abs(p.lon - midLon) < 25;
  });
  if (near.length) {
    var bounds = L.latLngBounds(near.map(function (p) { return [p.lat, p.lon]; }));
    map.fitBounds(bounds, { padding: [40, 40], maxZoom: 8 });
  } else if (places.length) {
    map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 8 });
  } else {
    map.setView([48.5, 35], 5);
  }
  box.dataset.markers = String(places.length);
})();
