// Small enhancements of werkbrug's pages. Every page works without this script: the status
// form then shows all placement details, and a multi-select is a plain <select multiple>.
(function () {
  "use strict";

  // The status form: show only the placement details that apply to the chosen move
  // (trajectories/flows.py DETAILS_APPLY, written into data-applies by the form).
  function showDetails(form) {
    var control = form.querySelector("[data-details-control]");
    if (!control) {
      return;
    }
    form.querySelectorAll("[data-applies]").forEach(function (input) {
      var moves = input.getAttribute("data-applies").split(" ");
      var wrapper = input.closest("div") || input;
      wrapper.hidden = moves.indexOf(control.value) < 0;
    });
  }

  // A filter box above a <select multiple>: options that do not contain the words typed
  // are hidden, chosen ones always stay visible; a count says how many are chosen.
  function filterOptions(box) {
    var select = document.getElementById(box.getAttribute("data-filter-for"));
    if (!select) {
      return;
    }
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    Array.prototype.forEach.call(select.options, function (option) {
      var text = option.text.toLowerCase();
      var fits = words.every(function (word) {
        return text.indexOf(word) >= 0;
      });
      option.hidden = !(fits || option.selected);
    });
  }

  function countChosen(select) {
    var counter = document.getElementById(select.id + "-chosen");
    if (!counter) {
      return;
    }
    var chosen = Array.prototype.filter.call(select.options, function (option) {
      return option.selected;
    });
    counter.textContent = chosen.map(function (option) {
      return option.text;
    }).join("; ") || counter.getAttribute("data-none");
  }

  // The elements of root (root itself included: htmx may swap in a form on its own).
  function within(root, selector) {
    var found = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) {
      found.unshift(root);
    }
    return found;
  }

  function enhance(root) {
    within(root, "form").forEach(showDetails);
    within(root, "[data-filter-for]").forEach(function (box) {
      box.hidden = false;
      var select = document.getElementById(box.getAttribute("data-filter-for"));
      if (select) {
        countChosen(select);
      }
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-details-control]")) {
      showDetails(target.form);
    }
    if (target.matches("select[multiple]")) {
      countChosen(target);
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-filter-for]")) {
      filterOptions(event.target);
    }
  });
  // Forms arrive with htmx when a panel opens; enhance them as they come.
  document.addEventListener("htmx:load", function (event) {
    enhance(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
})();
