package org.relief.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgTest {
    @Test
    void aChartIsWellFormedSvgWithOnePolylinePerSeries() throws Exception {
        String svg = Svg.lineChart(
                "p50 & p99 <per second>",
                "seconds",
                "ms",
                List.of(
                        new Svg.Series("p50", "#2ca02c", new double[] {0, 1, 2}, new double[] {1, 2, 3}),
                        new Svg.Series("p99", "#d62728", new double[] {0, 1, 2}, new double[] {5, 8, 50})));
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(2, doc.getElementsByTagName("polyline").getLength());
        assertTrue(svg.contains("p50 &amp; p99 &lt;per second&gt;"));
        // the largest y (50, a round axis maximum) is drawn at the top of the plot area (y = 40 px), x = 0 at the left
        // axis (70 px)
        String points = doc.getElementsByTagName("polyline")
                .item(1)
                .getAttributes()
                .getNamedItem("points")
                .getNodeValue();
        assertTrue(points.startsWith("70.0,"), points);
        assertTrue(points.endsWith(",40.0"), points);
    }

    @Test
    void emptySeriesStillDrawAxes() {
        String svg =
                Svg.lineChart("nothing", "x", "y", List.of(new Svg.Series("s", "black", new double[0], new double[0])));
        assertTrue(svg.contains("<polyline"));
        assertTrue(svg.endsWith("</svg>\n"));
    }

    @Test
    void axisMaximaAreRoundNumbers() {
        assertEquals(1, Svg.niceCeiling(0));
        assertEquals(50, Svg.niceCeiling(41));
        assertEquals(100, Svg.niceCeiling(100));
        assertEquals(250, Svg.niceCeiling(201));
        assertEquals(2, Svg.niceCeiling(1.2));
    }
}
