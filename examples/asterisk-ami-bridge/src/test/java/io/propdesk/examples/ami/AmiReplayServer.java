package io.propdesk.examples.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Plays an AMI transcript (a text resource: the banner line, then messages separated by blank lines, {@code #}
 * comment lines) to the first client on a loopback port of its own. Events are sent as they come; a {@code Response}
 * block waits for the client's next action and answers it under that action's {@code ActionID}, as Asterisk does.
 * After the transcript it answers {@code Ping} and {@code Logoff} until the client leaves.
 */
final class AmiReplayServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String banner;
    private final List<String> messages;
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    private final Thread player;
    private volatile Throwable failure;

    AmiReplayServer(String transcriptResource) throws IOException {
        String transcript;
        try (InputStream in = AmiReplayServer.class.getResourceAsStream(transcriptResource)) {
            transcript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] blocks = transcript.split("\n\\s*\n");
        this.banner = blocks[0].strip();
        this.messages = Arrays.stream(blocks, 1, blocks.length)
                .map(block ->
                        block.lines().filter(line -> !line.startsWith("#")).collect(Collectors.joining("\r\n")))
                .filter(block -> !block.isBlank())
                .collect(Collectors.toList());
        this.socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.player = new Thread(this::play, "ami-replay");
        player.setDaemon(true);
        player.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The actions the client sent, keys in lower case. */
    List<Map<String, String>> actions() {
        return List.copyOf(actions);
    }

    /** Why playing stopped early, if it did. */
    Throwable failure() {
        return failure;
    }

    private void play() {
        try (Socket client = socket.accept()) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
            out.write(banner + "\r\n");
            out.flush();
            for (String message : messages) {
                if (message.startsWith("Response:")) {
                    Map<String, String> action = readAction(in);
                    if (action == null) {
                        throw new IOException("the client left before the transcript ended");
                    }
                    send(out, message, action);
                } else {
                    out.write(message + "\r\n\r\n");
                    out.flush();
                }
            }
            for (Map<String, String> action = readAction(in); action != null; action = readAction(in)) {
                String name = action.getOrDefault("action", "").toLowerCase(Locale.ROOT);
                if (name.equals("logoff")) {
                    send(out, "Response: Goodbye\r\nMessage: Thanks for all the fish.", action);
                    return;
                }
                send(out, name.equals("ping") ? "Response: Success\r\nPing: Pong" : "Response: Error", action);
            }
        } catch (IOException | RuntimeException e) {
            if (!socket.isClosed()) {
                failure = e;
            }
        }
    }

    private Map<String, String> readAction(BufferedReader in) throws IOException {
        Map<String, String> action = new LinkedHashMap<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (action.isEmpty()) {
                    continue;
                }
                actions.add(action);
                return action;
            }
            int colon = line.indexOf(':');
            action.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        return null;
    }

    private static void send(Writer out, String response, Map<String, String> action) throws IOException {
        List<String> lines = new ArrayList<>(response.lines().toList());
        if (action.containsKey("actionid")) {
            lines.add(1, "ActionID: " + action.get("actionid"));
        }
        out.write(String.join("\r\n", lines) + "\r\n\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            player.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (player.isAlive()) {
            throw new UncheckedIOException(new IOException("the AMI replay did not end"));
        }
    }
}
