package io.propdesk.examples.ami;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge: logs into Asterisk's Manager Interface with asterisk-java, follows the calls ({@link CallTracker}) and
 * posts their CTI events to PropDesk ({@link CtiSender}). asterisk-java reconnects by itself when Asterisk restarts;
 * calls that were under way then are not reported again. Run with {@code --help} for the settings.
 */
public final class AmiBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiBridge.class);

    private final ManagerConnection connection;
    private final CtiSender sender;
    private final CallTracker tracker;

    private AmiBridge(ManagerConnection connection, CtiSender sender, CallTracker tracker) {
        this.connection = connection;
        this.sender = sender;
        this.tracker = tracker;
    }

    /** Connects, logs in for call events and starts following calls. */
    static AmiBridge start(BridgeOptions options)
            throws IOException, AuthenticationFailedException, TimeoutException, InterruptedException {
        CtiSender sender = new CtiSender(options.delivery());
        CallTracker tracker = new CallTracker(options.dialplan(), sender);
        ManagerConnection connection = new ManagerConnectionFactory(
                        options.amiHost(), options.amiPort(), options.amiUser(), options.amiSecret())
                .createManagerConnection();
        connection.addEventListener(tracker);
        try {
            connection.login("call"); // the event class manager.conf's "read = call" grants
        } catch (IOException | AuthenticationFailedException | TimeoutException | RuntimeException e) {
            sender.close();
            throw e;
        }
        log.info(
                "Following calls on {}:{}, posting to {}",
                options.amiHost(),
                options.amiPort(),
                options.delivery().endpoint());
        return new AmiBridge(connection, sender, tracker);
    }

    /** Calls begun and not yet ended. */
    int openCalls() {
        return tracker.openCalls();
    }

    /** Logs off, then delivers the events still queued. */
    @Override
    public void close() {
        try {
            connection.logoff();
        } catch (IllegalStateException alreadyGone) {
            log.debug("AMI connection already closed");
        }
        try {
            sender.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        if (BridgeOptions.wantsHelp(args)) {
            System.out.print(BridgeOptions.HELP);
            return;
        }
        BridgeOptions options;
        try {
            options = BridgeOptions.parse(args, System.getenv(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AmiBridge bridge = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
