package io.jiraaccess.daemon.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A written report read back as an auditor's tool would: parsed as XML (it must be well-formed), its printed queries
 * and every value that names its query and response path. Independent of the report's own code.
 */
final class ReportDocument {
    /** A printed query. */
    record PrintedQuery(String id, String method, String path, String body) {
    }

    /** A value in the report with the query and place it claims to come from. */
    record Claim(String queryId, String path, String shown, String element) {
    }

    private final Document doc;

    private ReportDocument(Document doc) {
        this.doc = doc;
    }

    static ReportDocument parse(String xhtml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return new ReportDocument(f.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8))));
    }

    Map<String, PrintedQuery> queries() throws Exception {
        Map<String, PrintedQuery> out = new LinkedHashMap<>();
        for (Element pre : elements("//pre[@class='devtools']")) {
            out.put(pre.getAttribute("data-q"), new PrintedQuery(pre.getAttribute("data-q"), child(pre, "method"),
                    child(pre, "path"), child(pre, "body")));
        }
        return out;
    }

    List<Claim> claims() throws Exception {
        List<Claim> out = new ArrayList<>();
        for (Element e : elements("//*[@data-q and @data-path]")) {
            String shown = e.getTagName().equals("rect") ? e.getAttribute("data-value") : e.getTextContent();
            out.add(new Claim(e.getAttribute("data-q"), e.getAttribute("data-path"), shown, e.getTagName()));
        }
        return out;
    }

    /** The text of the headline card with this label. */
    String card(String label) throws Exception {
        List<Element> big = elements("//div[contains(@class,'card')][div[@class='label']='" + label + "']/div[@class='big']");
        if (big.size() != 1) {
            throw new AssertionError("expected one card labelled " + label + ", found " + big.size());
        }
        return big.get(0).getTextContent();
    }

    List<Element> elements(String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static String child(Element pre, String cls) {
        NodeList spans = pre.getElementsByTagName("span");
        for (int i = 0; i < spans.getLength(); i++) {
            Element s = (Element) spans.item(i);
            if (cls.equals(s.getAttribute("class"))) {
                return s.getTextContent();
            }
        }
        throw new AssertionError("query " + pre.getAttribute("data-q") + " prints no " + cls);
    }

    private static final Pattern SEGMENT = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]|\\.?([^.\\[]+)");

    /** Follows a printed path (keys, [n], ['quoted.key']) in a response. */
    static JsonNode at(JsonNode root, String path) {
        Matcher m = SEGMENT.matcher(path);
        JsonNode n = root;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new AssertionError("cannot read path " + path + " at " + end);
            }
            end = m.end();
            if (m.group(1) != null) {
                n = n.path(m.group(1).replaceAll("\\\\(.)", "$1"));
            } else if (m.group(2) != null) {
                n = n.path(Integer.parseInt(m.group(2)));
            } else {
                n = n.path(m.group(3));
            }
        }
        if (end != path.length()) {
            throw new AssertionError("cannot read path " + path);
        }
        return n == null ? MissingNode.getInstance() : n;
    }
}
