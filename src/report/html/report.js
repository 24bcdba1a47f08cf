// loclint report: filters, and each translation's side-by-side view made from its <template>
// when it is first opened. No dependency, no request; text is only ever moved, never parsed.
(function () {
  "use strict";

  var filters = document.getElementById("filters");
  var locale = document.getElementById("f-locale");
  var rule = document.getElementById("f-rule");
  var severity = document.getElementById("f-severity");
  var file = document.getElementById("f-file");
  var count = document.getElementById("f-count");
  var translations = Array.prototype.slice.call(document.querySelectorAll("details.translation"));

  function fill(details) {
    var body = details.querySelector(".body");
    if (!body || body.firstChild) {
      return;
    }
    var template = document.getElementById(body.getAttribute("data-template"));
    if (template) {
      body.appendChild(document.importNode(template.content, true));
      filterFindings(details);
    }
  }

  function wanted() {
    return {
      locale: locale.value,
      rule: rule.value,
      severity: severity.value,
      file: file.value.trim().toLowerCase()
    };
  }

  function matches(details, w) {
    if (w.locale && details.getAttribute("data-locale") !== w.locale) {
      return false;
    }
    if (w.file && details.getAttribute("data-path").toLowerCase().indexOf(w.file) < 0) {
      return false;
    }
    if (w.rule && details.getAttribute("data-rules").split(" ").indexOf(w.rule) < 0) {
      return false;
    }
    if (w.severity === "error" && details.getAttribute("data-errors") === "0") {
      return false;
    }
    if (w.severity === "warning" && details.getAttribute("data-warnings") === "0") {
      return false;
    }
    return true;
  }

  function filterFindings(details) {
    var w = wanted();
    var items = details.querySelectorAll("li.finding");
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var shown = (!w.rule || item.getAttribute("data-rule") === w.rule) &&
        (!w.severity || item.getAttribute("data-severity") === w.severity);
      item.hidden = !shown;
    }
  }

  function apply() {
    var w = wanted();
    var shown = 0;
    translations.forEach(function (details) {
      var ok = matches(details, w);
      details.hidden = !ok;
      if (ok) {
        shown++;
        filterFindings(details);
      }
    });
    var rows = document.querySelectorAll("#heatmap tbody tr, #status tbody tr");
    for (var i = 0; i < rows.length; i++) {
      rows[i].hidden = Boolean(w.locale) && rows[i].getAttribute("data-locale") !== w.locale;
    }
    var articles = document.querySelectorAll("#articles tbody tr");
    for (var j = 0; j < articles.length; j++) {
      var locales = articles[j].getAttribute("data-locales").split(" ");
      articles[j].hidden = Boolean(w.locale) && locales.indexOf(w.locale) < 0;
    }
    count.textContent = shown + " of " + translations.length + " translations shown";
  }

  function reveal(id) {
    var marks = document.querySelectorAll("[data-f]");
    for (var i = 0; i < marks.length; i++) {
      var ids = marks[i].getAttribute("data-f").split(" ");
      if (ids.indexOf(id) >= 0 && !marks[i].classList.contains("goto")) {
        marks[i].scrollIntoView({ block: "center" });
        marks[i].classList.add("flash");
        setTimeout(function (mark) {
          return function () { mark.classList.remove("flash"); };
        }(marks[i]), 1500);
        return;
      }
    }
  }

  document.addEventListener("toggle", function (event) {
    var target = event.target;
    if (target.matches && target.matches("details.translation") && target.open) {
      fill(target);
    }
  }, true);

  document.addEventListener("click", function (event) {
    var target = event.target;
    var cell = target.closest ? target.closest("#heatmap a[data-rule]") : null;
    if (cell) {
      event.preventDefault();
      locale.value = cell.getAttribute("data-locale");
      rule.value = cell.getAttribute("data-rule");
      severity.value = "";
      apply();
      document.getElementById("translations").scrollIntoView();
      return;
    }
    var goto = target.closest ? target.closest("button.goto") : null;
    if (goto) {
      reveal(goto.getAttribute("data-f"));
      return;
    }
    var mark = target.closest ? target.closest("mark[data-f]") : null;
    if (mark) {
      var item = document.getElementById(mark.getAttribute("data-f").split(" ")[0]);
      if (item) {
        item.scrollIntoView({ block: "nearest" });
        item.classList.add("flash");
        setTimeout(function () { item.classList.remove("flash"); }, 1500);
      }
    }
  });

  [locale, rule, severity].forEach(function (select) {
    select.addEventListener("change", apply);
  });
  file.addEventListener("input", apply);
  document.getElementById("f-clear").addEventListener("click", function () {
    locale.value = "";
    rule.value = "";
    severity.value = "";
    file.value = "";
    apply();
  });

  filters.hidden = false;
  apply();
  // A link to one translation (report.html#t12) opens it.
  if (location.hash.length > 1) {
    var linked = document.getElementById(location.hash.slice(1));
    if (linked && linked.matches("details.translation")) {
      linked.open = true;
      fill(linked);
    }
  }
})();
