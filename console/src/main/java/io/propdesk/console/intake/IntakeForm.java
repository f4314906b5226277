package io.propdesk.console.intake;

/**
 * The intake form as the desk fills it in: the call (its id from the phone system, or one made for this form so a
 * second click never opens a second ticket, R1), where, what, and who called. {@code serviceTime} is the estate's
 * local date and time ({@code datetime-local}).
 */
public class IntakeForm {

    private String callId;
    private String estateId;
    private String unitId;
    private String kind;
    private boolean paid;
    private String severity;
    private String serviceTime;
    private String description;
    private String callerName;
    private String callerPhone;
    private String acceptor;

    public String getCallId() {
        return callId;
    }

    public void setCallId(String callId) {
        this.callId = callId;
    }

    public String getEstateId() {
        return estateId;
    }

    public void setEstateId(String estateId) {
        this.estateId = estateId;
    }

    public String getUnitId() {
        return unitId;
    }

    public void setUnitId(String unitId) {
        this.unitId = unitId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public boolean isPaid() {
        return paid;
    }

    public void setPaid(boolean paid) {
        this.paid = paid;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getServiceTime() {
        return serviceTime;
    }

    public void setServiceTime(String serviceTime) {
        this.serviceTime = serviceTime;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getCallerName() {
        return callerName;
    }

    public void setCallerName(String callerName) {
        this.callerName = callerName;
    }

    public String getCallerPhone() {
        return callerPhone;
    }

    public void setCallerPhone(String callerPhone) {
        this.callerPhone = callerPhone;
    }

    public String getAcceptor() {
        return acceptor;
    }

    public void setAcceptor(String acceptor) {
        this.acceptor = acceptor;
    }

    /** Never the caller's name or phone: a form may end up in a log line. */
    @Override
    public String toString() {
        return "IntakeForm[callId=" + callId + ", estateId=" + estateId + ", unitId=" + unitId + ", kind=" + kind
                + ", callerName=***, callerPhone=***]";
    }
}
