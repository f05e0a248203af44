/**
 * Standard Dutch texts of inkoop's besluiten. The seeds give no text for rechtsmiddelen; these follow
 * common Dutch Open House practice and are the region's to change.
 */
export const RECHTSMIDDELEN =
  "Bent u het niet eens met dit besluit? Dan kunt u binnen 20 kalenderdagen na de datum van dit besluit schriftelijk een klacht indienen bij het inkoopteam van de RWO, met vermelding van het besluitnummer en uw motivering. " +
  "Wij reageren binnen 10 werkdagen. Daarnaast kunt u binnen dezelfde termijn een kort geding aanhangig maken bij de voorzieningenrechter van de rechtbank Den Haag. " +
  "Na het verstrijken van deze termijn wordt u geacht met dit besluit in te stemmen. (Deze termijnen zijn een instelling van de regio; het inkoopplan noemt ze niet.)";

export const HOOR_TERMIJN_TOELICHTING =
  "De termijn voor hoor en wederhoor is een instelling van de regio voor deze procedure: het inkoopplan (4.4.1) noemt geen termijn en geen beslisser.";

export const HERSTEL_TERMIJN_TOELICHTING =
  "De hersteltermijn voor een onvolledige inschrijving is een instelling van de regio; het inkoopkader 2017 noemt een hersteltermijn zonder lengte.";
