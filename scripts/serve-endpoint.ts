import "./polyfills";
import * as restate from "@restatedev/restate-sdk";
import { services } from "../workflows/services";

const port = Number(process.env.INKOOP_ENDPOINT_PORT ?? process.env.PORT ?? 9080);
restate
  .serve({ services, port })
  .then((bound) => console.log(`inkoop service endpoint luistert op poort ${bound}`))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
