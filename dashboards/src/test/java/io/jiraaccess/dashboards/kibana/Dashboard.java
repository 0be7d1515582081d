package io.jiraaccess.dashboards.kibana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a dashboard saved object whose panels are Lens objects by reference, in Kibana 8.19's stored shape:
 * {@code panelsJSON} panels with {@code panelRefName: panel_<i>} and references named {@code <i>:panel_<i>}
 * (typeMigrationVersion 10.2.0, attributes limited to what the dashboard schema accepts).
 */
final class Dashboard {
    /** Kibana's dashboard grid is 48 units wide. */
    static final int WIDTH = 48;

    private record Panel(Lens lens, int x, int y, int w, int h) {
    }

    private final String id;
    private final String title;
    private final String description;
    private final String timeFrom;
    private final List<Panel> panels = new ArrayList<>();
    private int nextY;

    Dashboard(String id, String title, String description, String timeFrom) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.timeFrom = timeFrom;
    }

    String id() {
        return id;
    }

    /** A row of panels of height {@code h}, sharing the width equally. */
    Dashboard row(int h, Lens... lenses) {
        int w = WIDTH / lenses.length;
        for (int i = 0; i < lenses.length; i++) {
            panels.add(new Panel(lenses[i], i * w, nextY, w, h));
        }
        nextY += h;
        return this;
    }

    List<Lens> lenses() {
        return panels.stream().map(Panel::lens).toList();
    }

    ObjectNode toSavedObject() {
        ArrayNode panelsJson = Lens.JSON.createArrayNode();
        ObjectNode so = Lens.JSON.createObjectNode();
        ArrayNode refs = Lens.JSON.createArrayNode();
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            String index = String.valueOf(i + 1);
            ObjectNode panel = panelsJson.addObject();
            panel.put("type", "lens");
            panel.putObject("gridData").put("x", p.x()).put("y", p.y()).put("w", p.w()).put("h", p.h()).put("i", index);
            panel.put("panelIndex", index);
            panel.putObject("embeddableConfig").putObject("enhancements");
            panel.put("panelRefName", "panel_" + index);
            panel.put("version", "8.19.0");
            refs.addObject().put("id", p.lens().id()).put("name", index + ":panel_" + index).put("type", "lens");
        }
        ObjectNode attrs = so.putObject("attributes");
        attrs.put("title", title);
        attrs.put("description", description);
        attrs.put("panelsJSON", panelsJson.toString());
        attrs.put("optionsJSON", "{\"useMargins\":true,\"syncColors\":false,\"syncCursor\":true,\"syncTooltips\":false,\"hidePanelTitles\":false}");
        attrs.put("timeRestore", true);
        attrs.put("timeFrom", timeFrom);
        attrs.put("timeTo", "now");
        attrs.putObject("refreshInterval").put("pause", false).put("value", 60000);
        attrs.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[]}");
        so.put("coreMigrationVersion", "8.8.0");
        so.put("id", id);
        so.put("managed", false);
        so.set("references", refs);
        so.put("type", "dashboard");
        so.put("typeMigrationVersion", "10.2.0");
        return so;
    }
}
