// Every page at 1280 px (./page-sweep.ts).
import { describePageSweep } from './page-sweep'

describePageSweep(1280)
