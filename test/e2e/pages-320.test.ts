// Every page at 320 px (./page-sweep.ts).
import { describePageSweep } from './page-sweep'

describePageSweep(320)
