package io.propdesk.console.live;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open pages' event streams (server-sent events): each is told {@code changed} when an event arrives on one of the
 * four topics, and once more {@link LiveProperties#settle()} later, by which time the services' read models have
 * applied it (after the first event of a run, and after the last one that came while that was pending); the page then
 * asks for its live part again. The event carries no data: what changed is read from the services as the person whose
 * page it is.
 */
@Component
public class LiveChanges implements SmartLifecycle {

    /** The name of the server-sent event: the pages listen for {@code sse:changed}. */
    public static final String CHANGED = "changed";

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-live-push");
        t.setDaemon(true);
        return t;
    });
    // settling, kept by the timer's one thread only: the latest change, and the latest one a settled push is due for
    private long lastChange;
    private long settledUpTo;
    private boolean settling;

    private final LiveProperties properties;

    public LiveChanges(LiveProperties properties) {
        this.properties = properties;
        long beat = properties.heartbeat().toMillis();
        timer.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** A new stream for an open page; it ends when the page goes (or after an hour, when the page reconnects). */
    public SseEmitter open() {
        SseEmitter emitter = new SseEmitter(TimeUnit.HOURS.toMillis(1));
        open.add(emitter);
        emitter.onCompletion(() -> open.remove(emitter));
        emitter.onTimeout(() -> open.remove(emitter));
        emitter.onError(e -> open.remove(emitter));
        return emitter;
    }

    /**
     * Something changed: the pages now, and once more when it has settled: {@code settle} after the first change of a
     * run, and again {@code settle} after the last change that came while that was pending (such a change would
     * otherwise have had only its immediate push, usually before the read models applied it, and its row would wait
     * for the pages' fallback poll).
     */
    public void changed() {
        long at = System.nanoTime();
        timer.execute(() -> {
            announce();
            lastChange = at;
            if (!settling) {
                settling = true;
                settledUpTo = at;
                timer.schedule(this::settle, properties.settle().toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    /** On the timer: the settled push; another for the changes that came since this one was planned. */
    private void settle() {
        announce();
        if (lastChange - settledUpTo > 0) {
            settledUpTo = lastChange;
            long due = lastChange + properties.settle().toNanos() - System.nanoTime();
            timer.schedule(this::settle, Math.max(0, due), TimeUnit.NANOSECONDS);
        } else {
            settling = false;
        }
    }

    /** How many pages listen now. */
    public int listening() {
        return open.size();
    }

    private void announce() {
        send(() -> SseEmitter.event().name(CHANGED).data(""));
    }

    private void heartbeat() {
        send(() -> SseEmitter.event().comment("still here"));
    }

    /** A fresh event per stream: a built event cannot be sent twice. */
    private void send(java.util.function.Supplier<SseEmitter.SseEventBuilder> event) {
        for (SseEmitter emitter : open) {
            try {
                emitter.send(event.get());
            } catch (IOException | IllegalStateException e) {
                // the page went away: its stream is done
                open.remove(emitter);
                emitter.completeWithError(e);
            }
        }
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream before the web server's graceful shutdown waits for the requests in flight: an open
     * page's stream would otherwise hold the shutdown to its timeout.
     */
    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown (which stops at {@code DEFAULT_PHASE - 1024}). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
