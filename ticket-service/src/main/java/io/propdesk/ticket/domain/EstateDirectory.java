package io.propdesk.ticket.domain;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.axon.AggregateReads;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.bson.Document;
import org.springframework.stereotype.Service;

/**
 * The estates, their calendars, buildings, units and stewards, read from each estate's own stream; and which estate a
 * hotline number belongs to.
 */
@Service
public class EstateDirectory {

    /** Hotline number (E.164) to its estate, {@code _id} = the number: the estates' own lines, no personal data. */
    public static final String HOTLINES = "estate_hotlines";

    private final CommandGateway commands;
    private final Repository<Estate> estates;

    private final AggregateReads reads;

    private final MongoCollection<Document> hotlines;

    public EstateDirectory(
            CommandGateway commands, Repository<Estate> estates, AggregateReads reads, MongoDatabase database) {
        this.hotlines = database.getCollection(HOTLINES);
        this.reads = reads;
        this.commands = commands;
        this.estates = estates;
    }

    public Optional<EstateConfigured> find(String estateId) {
        return reads.read(estates, estateId, Estate::configuration);
    }

    public EstateConfigured configure(ConfigureEstate command) {
        List<String> before =
                find(command.estateId()).map(EstateConfigured::hotlines).orElse(List.of());
        commands.sendAndWait(command);
        EstateConfigured now = find(command.estateId()).orElseThrow();
        for (String hotline : now.hotlines()) {
            hotlines.updateOne(
                    eq("_id", hotline), Updates.set("estateId", now.estateId()), new UpdateOptions().upsert(true));
        }
        for (String dropped : before) {
            Document held = hotlines.find(eq("_id", dropped)).first();
            if (!now.hotlines().contains(dropped)
                    && held != null
                    && now.estateId().equals(held.getString("estateId"))) {
                hotlines.deleteOne(eq("_id", dropped));
            }
        }
        return now;
    }

    /** Issue 16: the estate whose configuration names this hotline (E.164), if one does. */
    public Optional<String> estateOfHotline(String e164) {
        Document held = hotlines.find(eq("_id", e164)).first();
        return held == null ? Optional.empty() : Optional.ofNullable(held.getString("estateId"));
    }
}
