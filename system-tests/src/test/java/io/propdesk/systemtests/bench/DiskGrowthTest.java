package io.propdesk.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The disk section's arithmetic and files (issue 19 goal 7), without a system. */
class DiskGrowthTest {

    private static DiskGrowth.Sample at(int lifecycles, long storeBytes, long kafkaBytes) {
        return new DiskGrowth.Sample(lifecycles, lifecycles, storeBytes, storeBytes, kafkaBytes, 900);
    }

    @Test
    void theSteadyStateSlopeIsTheLeastSquaresBytesPerLifecycle_issue19() {
        List<DiskGrowth.Sample> points =
                List.of(at(100, 1_000_000, 50_000), at(200, 1_020_000, 60_000), at(300, 1_040_000, 70_000));

        assertThat(DiskGrowth.slope(points, true)).isEqualTo(200.0);
        assertThat(DiskGrowth.slope(points, false)).isEqualTo(100.0);
        assertThat(DiskGrowth.slope(List.of(at(100, 1, 1)), true)).isNaN();
    }

    @Test
    void ticksAreOneTwoOrFiveTimesAPowerOfTen_issue19() {
        assertThat(DiskGrowth.niceStep(300)).isEqualTo(100.0);
        assertThat(DiskGrowth.niceStep(10_000)).isEqualTo(2_000.0);
        assertThat(DiskGrowth.niceStep(0.9)).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theChartIsWellFormedSvgWithALinePerSeriesAndTheCsvARowPerSample_issue19(@TempDir Path dir) throws Exception {
        List<DiskGrowth.Sample> samples =
                List.of(at(0, 5_000_000, 1_000_000), at(150, 400_000_000, 4_000_000), at(300, 900_000_000, 8_000_000));
        Path svg = dir.resolve("disk.svg");
        Path csv = dir.resolve("disk.csv");

        DiskGrowth.writeSvg(svg, samples, "Disk <test> & co");
        DiskGrowth.writeCsv(csv, samples);

        Document chart =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(chart.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(chart.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(Files.readString(svg)).contains(">1,000<", ">300<", "repair lifecycles completed", "MB on disk");
        assertThat(Files.readAllLines(csv))
                .hasSize(4)
                .element(3)
                .isEqualTo("300.0,300,900000000,900000000,8000000,900");
    }
}
