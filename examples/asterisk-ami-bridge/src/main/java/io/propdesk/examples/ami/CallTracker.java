package io.propdesk.examples.ami;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Asterisk's channels and tells each customer call's {@code newCall}, {@code answer} and {@code hangup}, once
 * each. A call is all channels sharing one {@code Linkedid}, and that id (the first channel's {@code Uniqueid}) is the
 * CTI {@code callId}:
 *
 * <ul>
 *   <li>{@code Newchannel} of a call's first channel: {@code newCall}. Inbound when the channel is on a trunk or starts
 *       in an inbound context; outbound when an extension dials an outside number; anything else (extension to
 *       extension, feature codes) is not a customer call and is not followed.
 *   <li>{@code DialEnd} with {@code DialStatus: ANSWER}, or else the call's first channel sharing a bridge with
 *       another channel ({@code BridgeEnter}, e.g. after a call pickup): {@code answer}, naming the extension that
 *       answered an inbound call.
 *   <li>{@code Hangup} of the first channel: {@code hangup} with the cause ({@link HangupCauses}).
 * </ul>
 *
 * Events arrive on one thread per AMI connection; the methods are synchronized all the same.
 */
final class CallTracker implements ManagerEventListener {

    private static final Logger log = LoggerFactory.getLogger(CallTracker.class);

    /** How this PBX's channels and numbers look; decides which calls are followed and their direction. */
    record Dialplan(
            List<String> trunkChannelPrefixes,
            Set<String> inboundContexts,
            Pattern extensionPattern,
            Pattern externalNumberPattern) {}

    private static final class Call {
        final String callId;
        final String from;
        final String to;
        final String direction;
        final List<String> user = new ArrayList<>();
        boolean answered;
        String answeringNumber;
        String lastDialStatus;
        boolean lastDialForwarded;

        Call(String callId, String from, String to, String direction) {
            this.callId = callId;
            this.from = from;
            this.to = to;
            this.direction = direction;
        }

        boolean inbound() {
            return "in".equals(direction);
        }
    }

    private record BridgeMember(String uniqueId, String linkedId, String number, String name) {}

    private final Dialplan dialplan;
    private final Consumer<CtiEvent> out;
    private final Map<String, Call> calls = new HashMap<>();
    private final Map<String, List<BridgeMember>> bridges = new HashMap<>();

    CallTracker(Dialplan dialplan, Consumer<CtiEvent> out) {
        this.dialplan = dialplan;
        this.out = out;
    }

    @Override
    public synchronized void onManagerEvent(ManagerEvent event) {
        if (event instanceof NewChannelEvent e) {
            onNewChannel(e);
        } else if (event instanceof DialEndEvent e) {
            onDialEnd(e);
        } else if (event instanceof BridgeEnterEvent e) {
            onBridgeEnter(e);
        } else if (event instanceof BridgeLeaveEvent e) {
            onBridgeLeave(e);
        } else if (event instanceof HangupEvent e) {
            onHangup(e);
        }
    }

    /** Calls still followed, for a bridge that stops or a test that checks nothing is left over. */
    synchronized int openCalls() {
        return calls.size();
    }

    private void onNewChannel(NewChannelEvent e) {
        String callId = e.getLinkedid() != null ? e.getLinkedid() : e.getUniqueId();
        if (!callId.equals(e.getUniqueId()) || calls.containsKey(callId)) {
            return; // a further leg (the agent's phone, the trunk) of a call already followed or left alone
        }
        String caller = meaningful(e.getCallerIdNum()) ? e.getCallerIdNum() : "anonymous";
        String dialled = e.getExten();
        Call call;
        if (onTrunk(e.getChannel()) || dialplan.inboundContexts().contains(e.getContext())) {
            call = new Call(callId, caller, dialled, "in");
        } else if (matches(dialplan.extensionPattern(), caller) && matches(dialplan.externalNumberPattern(), dialled)) {
            call = new Call(callId, caller, dialled, "out");
            call.user.add(meaningful(e.getCallerIdName()) ? e.getCallerIdName() : caller);
        } else {
            log.debug("Not a customer call, not followed: {} in context {}", e.getChannel(), e.getContext());
            return;
        }
        calls.put(callId, call);
        emit(CtiEvent.NEW_CALL, call, null);
    }

    private void onDialEnd(DialEndEvent e) {
        Call call = calls.get(e.getLinkedId());
        if (call == null || call.answered) {
            return;
        }
        if ("ANSWER".equalsIgnoreCase(e.getDialStatus())) {
            answered(call, e.getDestCallerIdNum(), e.getDestCallerIdName());
        } else {
            call.lastDialStatus = e.getDialStatus();
            call.lastDialForwarded = meaningful(e.getForward());
        }
    }

    private void onBridgeEnter(BridgeEnterEvent e) {
        List<BridgeMember> members = bridges.computeIfAbsent(e.getBridgeUniqueId(), id -> new ArrayList<>());
        members.add(new BridgeMember(e.getUniqueId(), e.getLinkedId(), e.getCallerIdNum(), e.getCallerIdName()));
        for (BridgeMember member : members) {
            Call call = calls.get(member.linkedId());
            if (call == null || call.answered || !call.callId.equals(member.uniqueId())) {
                continue;
            }
            // the call's first channel is talking to another one: someone answered it without a DialEnd (a pickup)
            members.stream()
                    .filter(other -> !other.uniqueId().equals(member.uniqueId()))
                    .findFirst()
                    .ifPresent(other -> answered(call, other.number(), other.name()));
        }
    }

    private void onBridgeLeave(BridgeLeaveEvent e) {
        List<BridgeMember> members = bridges.get(e.getBridgeUniqueId());
        if (members != null) {
            members.removeIf(member -> member.uniqueId().equals(e.getUniqueId()));
            if (members.isEmpty()) {
                bridges.remove(e.getBridgeUniqueId());
            }
        }
    }

    private void onHangup(HangupEvent e) {
        Call call = calls.get(e.getLinkedId());
        if (call == null || !call.callId.equals(e.getUniqueId())) {
            return; // a further leg ended; the call goes on (or its DialEnd already said why)
        }
        calls.remove(call.callId);
        emit(
                CtiEvent.HANGUP,
                call,
                HangupCauses.ofCall(call.answered, e.getCause(), call.lastDialStatus, call.lastDialForwarded));
    }

    private void answered(Call call, String number, String name) {
        call.answered = true;
        if (call.inbound()) {
            call.answeringNumber = meaningful(number) ? number : null;
            call.user.clear();
            if (meaningful(name) || meaningful(number)) {
                call.user.add(meaningful(name) ? name : number);
            }
        }
        emit(CtiEvent.ANSWER, call, null);
    }

    private void emit(String event, Call call, String cause) {
        out.accept(new CtiEvent(
                event, call.callId, call.from, call.to, call.direction, call.user, null, call.answeringNumber, cause));
    }

    private boolean onTrunk(String channel) {
        return channel != null && dialplan.trunkChannelPrefixes().stream().anyMatch(channel::startsWith);
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }

    private static boolean meaningful(String value) {
        return value != null && !value.isBlank() && !"<unknown>".equals(value);
    }
}
