package io.jiraaccess.daemon.testing;

import org.junit.jupiter.api.Assumptions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's {@code chromium} in headless mode: renders a local file, takes a screenshot and collects what the page
 * wrote to the console (Chromium logs every console message, errors and blocked loads included, as a
 * {@code :CONSOLE} line on stderr with {@code --enable-logging=stderr}). Missing Chromium fails the test, unless
 * {@code -DskipBrowserTests} is set.
 */
public final class HeadlessChromium {
    public static final String SKIP_PROPERTY = "skipBrowserTests";

    /** What one rendering produced. */
    public record Rendering(Path screenshot, List<String> consoleMessages, String stderr) {
    }

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The installed Chromium; fails (or, with -DskipBrowserTests, skips) when there is none. */
    public static HeadlessChromium require() {
        String skip = System.getProperty(SKIP_PROPERTY);
        Assumptions.assumeTrue(skip == null || "false".equals(skip), "browser tests skipped (-D" + SKIP_PROPERTY + ")");
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("jira-access.chromium");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                candidates.add(Path.of(dir, name));
            }
        }
        for (Path c : candidates) {
            if (Files.isExecutable(c)) {
                return new HeadlessChromium(c);
            }
        }
        fail("Chromium is not installed, and the report's browser test needs it: apt-get install -y chromium "
                + "(.ci/run does), or run with -D" + SKIP_PROPERTY + " to skip the browser tests");
        throw new IllegalStateException("unreachable");
    }

    /** Renders {@code page} at 1280 x {@code height} into a PNG next to it. */
    public Rendering render(Path page, Path screenshot, int height) {
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            try {
                List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                        "--hide-scrollbars", "--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1280," + height,
                        page.toAbsolutePath().toUri().toString());
                Path err = profile.resolve("stderr.txt");
                Files.deleteIfExists(screenshot);
                Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    fail("Chromium did not finish rendering " + page + " within 90 s");
                }
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                if (p.exitValue() != 0 || !Files.isRegularFile(screenshot)) {
                    fail("Chromium exited with " + p.exitValue() + " and no screenshot; its stderr:\n" + stderr);
                }
                List<String> console = stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
                return new Rendering(screenshot, console, stderr);
            } finally {
                SharedElasticsearch.deleteTree(profile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How much of a picture is not background: distinct colours and the share of pixels that are not white. */
    public record PixelStats(int width, int height, int distinctColours, double nonWhiteShare) {
        public static PixelStats of(Path png) {
            try {
                BufferedImage img = ImageIO.read(png.toFile());
                if (img == null) {
                    fail(png + " is not an image ImageIO can read");
                }
                Set<Integer> colours = new HashSet<>();
                long nonWhite = 0;
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        int rgb = img.getRGB(x, y) & 0xFFFFFF;
                        colours.add(rgb);
                        if (rgb != 0xFFFFFF) {
                            nonWhite++;
                        }
                    }
                }
                return new PixelStats(img.getWidth(), img.getHeight(), colours.size(),
                        nonWhite / (double) ((long) img.getWidth() * img.getHeight()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
