package io.jiraaccess.daemon.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The report as PDF: the same XHTML and stylesheet, laid out by openhtmltopdf (PDFBox) with the charts drawn by
 * Batik. The stylesheet's {@code @page} rule makes it A4 landscape with page numbers.
 */
public final class PdfReport {
    private PdfReport() {
    }

    public static byte[] render(String xhtml) {
        // its log is timings and the CSS it ignores on purpose (word-break, overflow-x, which only the browser needs);
        // a real failure is an exception
        XRLog.setLoggingEnabled(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * 1024);
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.useSVGDrawer(new BatikSVGDrawer());
            // no base URI that resolves anywhere: the document has no external resource, and may not fetch one
            b.withHtmlContent(xhtml, "about:blank");
            b.useUriResolver((base, uri) -> null);
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the report as PDF", e);
        }
        return out.toByteArray();
    }
}
