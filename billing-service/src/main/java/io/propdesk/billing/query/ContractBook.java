package io.propdesk.billing.query;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.dispatch.ContractSigned;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The monthly contracts billing charges (H1, H7): the latest ContractSigned of each, keyed by contract id, and each
 * customer's contract ids, keyed by customer id. Fed from {@code propdesk.dispatch.events}; both writes are
 * idempotent. The contracts are scanned once per month close; everything else is an {@code _id} lookup.
 */
@Component
public class ContractBook {

    static final String CONTRACTS = "contracts";
    static final String BY_CUSTOMER = "customer_contracts";

    private final MongoCollection<Document> contracts;
    private final MongoCollection<Document> byCustomer;

    public ContractBook(MongoDatabase database) {
        this.contracts = database.getCollection(CONTRACTS);
        this.byCustomer = database.getCollection(BY_CUSTOMER);
    }

    public void remember(ContractSigned contract) {
        byCustomer.updateOne(
                eq("_id", contract.customerId()),
                Updates.addToSet("contractIds", contract.contractId()),
                new UpdateOptions().upsert(true));
        contracts.replaceOne(
                eq("_id", contract.contractId()),
                new Document("_id", contract.contractId())
                        .append("json", new String(CloudEventCodec.toJson(contract), StandardCharsets.UTF_8)),
                new ReplaceOptions().upsert(true));
    }

    public List<ContractSigned> all() {
        List<ContractSigned> all = new ArrayList<>();
        contracts.find().forEach(d -> all.add(parse(d)));
        return all;
    }

    public List<ContractSigned> ofCustomer(String customerId) {
        Document index = byCustomer.find(eq("_id", customerId)).first();
        if (index == null) {
            return List.of();
        }
        List<ContractSigned> result = new ArrayList<>();
        contracts.find(in("_id", index.getList("contractIds", String.class))).forEach(d -> result.add(parse(d)));
        return result;
    }

    private static ContractSigned parse(Document d) {
        return CloudEventCodec.fromJson(d.getString("json").getBytes(StandardCharsets.UTF_8), ContractSigned.class);
    }
}
