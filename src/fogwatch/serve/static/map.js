// The map: one circle per geocoded place, sized by how many articles mention it.
// Circles are drawn as vectors, so they show even when no tile can be loaded.
(function () {
  "use strict";

  var box = document.getElementById("map");
  var dataEl = document.getElementById("map-data");
  if (!box || !dataEl || typeof L === "undefined") { return; }
  var places = JSON.parse(dataEl.textContent || "[]");

  var map = L.map(box, { worldCopyJump: true, preferCanvas: false });
  var tiles = box.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: box.dataset.attribution || "" }).addTo(map);
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
    var where = [p.admin1, p.country].filter(Boolean).join(", ");
    if (where) { div.appendChild(document.createTextNode(where)); div.appendChild(document.createElement("br")); }
    div.appendChild(document.createTextNode(p.docs + " article" + (p.docs === 1 ? "" : "s") + ", " + p.events + " event" + (p.events === 1 ? "" : "s")));
    div.appendChild(document.createElement("br"));
    div.appendChild(link(p.timeline, "timeline"));
    if (p.entity) { div.appendChild(link(p.entity, "entity page")); }
    return div;
  }

  var layer = L.featureGroup();
  places.forEach(function (p) {
    var radius = Math.min(22, 5 + 3 * Math.sqrt(p.docs));
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: radius,
      color: p.events ? "#b3332e" : "#1f5f8b",
      weight: 1.5,
      fillColor: p.events ? "#e05a52" : "#4a8bbd",
      fillOpacity: 0.55,
      className: "place-marker"
    });
    marker.bindPopup(popup(p));
    marker.bindTooltip(p.name, { direction: "top", offset: [0, -radius] });
    layer.addLayer(marker);
  });
  layer.addTo(map);

  if (places.length) {
    map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 8 });
  } else {
    map.setView([48.5, 35], 5);
  }
  box.dataset.markers = String(places.length);
})();
