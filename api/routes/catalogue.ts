import { Router } from "express";
import { z } from "zod";
import {
  besluitAuthorities,
  catalogue,
  contracts,
  findContract,
  findProduct,
  microOnderneming,
  products,
  productsOfContract,
  toelatingscriteria,
} from "../../domain/catalogue";
import type { OpenApiRegistry } from "../openapi";
import { HttpProblem } from "../problem";
import { route } from "../route";

const ProductQuery = z.object({
  contractId: z.string().optional(),
  status: z.enum(["houden", "stoppen", "nieuw", "onbekend"]).optional(),
  code: z.string().optional(),
});

/** The region's catalogue: public, read-only, straight from domain/catalogue. */
export function catalogueRouter(registry: OpenApiRegistry): Router {
  const router = Router();
  const tag = "Catalogus";

  route(router, registry, { method: "get", path: "/catalogue", tag, summary: "Overzicht van de catalogus met aantallen", statuses: [] }, async () => ({
    contracten: contracts.length,
    producten: products.length,
    toelatingscriteria: toelatingscriteria.length,
    besluitbevoegdheden: besluitAuthorities.length,
    anomalieen: catalogue.anomalies.length,
    links: {
      contracten: "/api/v1/catalogue/contracts",
      producten: "/api/v1/catalogue/products",
      toelatingscriteria: "/api/v1/catalogue/toelatingscriteria",
      besluitbevoegdheden: "/api/v1/catalogue/authorities",
      anomalieen: "/api/v1/catalogue/anomalies",
    },
  }));

  route(router, registry, { method: "get", path: "/catalogue/contracts", tag, summary: "De contracten van inkoopplan hoofdstuk 6", statuses: [] }, async () => contracts);

  route(router, registry, { method: "get", path: "/catalogue/contracts/:id", tag, summary: "Eén contract met zijn producten", statuses: [404] }, async (req) => {
    const contract = findContract(String(req.params.id));
    if (!contract) throw new HttpProblem(404, `Onbekend contract '${req.params.id}'.`, "id");
    return { ...contract, producten: productsOfContract(contract.id) };
  });

  route(router, registry, { method: "get", path: "/catalogue/products", tag, summary: "Producten uit het productenboek en de oplegger", query: ProductQuery, statuses: [400] }, async (_req, _res, { query }) =>
    products.filter(
      (p) =>
        (query.contractId === undefined || p.contractId === query.contractId) &&
        (query.status === undefined || p.opleggerStatus === query.status) &&
        (query.code === undefined || p.codeLabel === query.code),
    ),
  );

  route(router, registry, { method: "get", path: "/catalogue/products/:contractId/:productKey", tag, summary: "Eén product (id = contract/code)", statuses: [404] }, async (req) => {
    const id = `${req.params.contractId}/${req.params.productKey}`;
    const product = findProduct(id);
    if (!product) throw new HttpProblem(404, `Onbekend product '${id}'.`, "id");
    return product;
  });

  route(router, registry, { method: "get", path: "/catalogue/toelatingscriteria", tag, summary: "De 11 toelatingscriteria (inkoopplan 4.4.1)", statuses: [] }, async () => ({
    toelatingscriteria,
    microOnderneming,
  }));

  route(router, registry, { method: "get", path: "/catalogue/authorities", tag, summary: "Wie besluit wat (inkoopplan 7.2 en 7.3)", statuses: [] }, async () => besluitAuthorities);

  route(router, registry, { method: "get", path: "/catalogue/anomalies", tag, summary: "Wat de brondocumenten tegenspreken of openlaten", statuses: [] }, async () => catalogue.anomalies);

  return router;
}
