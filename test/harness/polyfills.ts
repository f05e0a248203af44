import "../../scripts/polyfills";
