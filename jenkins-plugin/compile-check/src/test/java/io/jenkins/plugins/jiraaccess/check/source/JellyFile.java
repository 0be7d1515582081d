package io.jenkins.plugins.jiraaccess.check.source;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ProcessingInstruction;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jelly view as XML: namespace-aware, as Jelly reads it (taglibs are told apart by namespace URI, not prefix).
 * A file that is not well-formed XML is reported as a {@link Malformed} naming the line.
 */
public final class JellyFile {
    public static final String FORM_TAGLIB = "/lib/form";
    public static final String CREDENTIALS_TAGLIB = "/lib/credentials";

    private final Document document;

    private JellyFile(Document document) {
        this.document = document;
    }

    /** A Jelly file that does not parse as XML; the message names the line and the parser's complaint. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    public static JellyFile read(Path file) throws IOException, Malformed {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // views are read, never fetched from: no DTDs, no external entities
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws on fatal errors, prints nothing
            return new JellyFile(b.parse(file.toFile()));
        } catch (org.xml.sax.SAXParseException e) {
            throw new Malformed("line " + e.getLineNumber() + ": " + e.getMessage());
        } catch (SAXException | ParserConfigurationException e) {
            throw new Malformed(e.getMessage());
        }
    }

    /** The data of the {@code <?jelly ...?>} processing instruction before the root element, or null. */
    public String jellyInstruction() {
        for (Node n = document.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof ProcessingInstruction pi && pi.getTarget().equals("jelly")) {
                return pi.getData();
            }
        }
        return null;
    }

    /** The text the view renders, markup removed and whitespace trimmed. */
    public String text() {
        return document.getDocumentElement().getTextContent().trim();
    }

    /** Every element named {@code localName} of one of the taglib {@code namespaces}, in document order. */
    public List<Element> elements(java.util.Set<String> namespaces, String localName) {
        NodeList nodes = document.getElementsByTagNameNS("*", localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (namespaces.contains(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }
}
